package dev.batpak.kafka.gate;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The full record of why a proposal was denied: every gate of the set in order with its
 * verdict, the denial that decided, and what was proposed. This is what a {@code SYSTEM_DENIAL}
 * journal event carries (the Avro {@code DenialTrace} record), so a denied proposal is as
 * checkable as an accepted one.
 *
 * <p>{@link #code()} classifies the denial for the journal: {@link #GATE_DENIED} when a gate
 * said no, {@link Denial#GATE_DEFECT} when a gate threw; the gate's own code is in its
 * {@link GateVerdict.Deny} entry. {@link #message()} and {@link #context()} are the deciding
 * denial's.
 *
 * @param failingGate the gate whose denial decided
 * @param code {@link #GATE_DENIED} or {@link Denial#GATE_DEFECT} (or another non-empty code)
 * @param message the deciding denial's message
 * @param context the deciding denial's context; unmodifiable
 * @param evaluations one entry per gate, in evaluation order (plus a trailing entry when the
 *     deciding gate was not part of the set); contains a {@code Deny} entry for {@code failingGate}
 * @param proposedKind the raw 16-bit event kind that was proposed
 * @param proposedContentHash the BLAKE3 hash (32 bytes) of the proposed payload, when known
 * @param pipelineId the pipeline that evaluated, when it has an id
 */
public record DenialTrace(
        String failingGate,
        String code,
        String message,
        List<Map.Entry<String, String>> context,
        List<GateEvaluation> evaluations,
        int proposedKind,
        Optional<byte[]> proposedContentHash,
        Optional<String> pipelineId) {

    /** The trace code when a gate denied (as opposed to {@link Denial#GATE_DEFECT}). */
    public static final String GATE_DENIED = "GATE_DENIED";

    /** Length of a BLAKE3-256 content hash. */
    public static final int CONTENT_HASH_LENGTH = 32;

    /** Largest raw event kind (kinds are 16 bits). */
    public static final int MAX_KIND = 0xFFFF;

    /** Validates every field and copies the mutable ones, so a trace cannot change after it was made. */
    public DenialTrace {
        GateIds.require("failing gate", failingGate);
        if (code == null || code.isEmpty()) {
            throw invalid("code must be non-empty (GATE_DENIED or GATE_DEFECT for gate denials)");
        }
        if (message == null) {
            throw invalid("message is null");
        }
        context = Denial.copyContext(context);
        if (evaluations == null) {
            throw invalid("evaluations is null");
        }
        evaluations = List.copyOf(evaluations);
        boolean deciderRecorded = evaluations.stream().anyMatch(
                e -> e.gateId().equals(failingGate) && e.verdict() instanceof GateVerdict.Deny);
        if (!deciderRecorded) {
            throw invalid("evaluations contain no Deny entry for the failing gate '" + failingGate + "'");
        }
        if (proposedKind < 0 || proposedKind > MAX_KIND) {
            throw invalid("proposedKind must be a 16-bit raw kind in [0, 0xFFFF], got " + proposedKind);
        }
        Objects.requireNonNull(proposedContentHash, "proposedContentHash (use Optional.empty())");
        if (proposedContentHash.isPresent() && proposedContentHash.get().length != CONTENT_HASH_LENGTH) {
            throw invalid("proposedContentHash must be " + CONTENT_HASH_LENGTH + " bytes (BLAKE3-256), got "
                    + proposedContentHash.get().length);
        }
        proposedContentHash = proposedContentHash.map(byte[]::clone);
        Objects.requireNonNull(pipelineId, "pipelineId (use Optional.empty())");
        pipelineId.ifPresent(id -> GateIds.require("pipeline id", id));
    }

    /**
     * The trace for one deciding denial.
     *
     * @param proposedContentHash 32 bytes, or null when not known
     * @param pipelineId the evaluating pipeline's id, or null when it has none
     */
    public static DenialTrace of(Denial failing, List<GateEvaluation> evaluations, int proposedKind,
            byte[] proposedContentHash, String pipelineId) {
        Objects.requireNonNull(failing, "failing");
        return new DenialTrace(failing.gate(), traceCode(failing), failing.message(), failing.context(),
                evaluations, proposedKind, Optional.ofNullable(proposedContentHash), Optional.ofNullable(pipelineId));
    }

    /** The trace code a denial maps to: {@link Denial#GATE_DEFECT} for defects, else {@link #GATE_DENIED}. */
    public static String traceCode(Denial denial) {
        return denial.isDefect() ? Denial.GATE_DEFECT : GATE_DENIED;
    }

    /** A copy of the content hash, so callers cannot alter the trace through it. */
    @Override
    public Optional<byte[]> proposedContentHash() {
        return proposedContentHash.map(byte[]::clone);
    }

    /** Field-wise equality, comparing the content hash by content. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof DenialTrace t)) {
            return false;
        }
        return failingGate.equals(t.failingGate) && code.equals(t.code) && message.equals(t.message)
                && context.equals(t.context) && evaluations.equals(t.evaluations)
                && proposedKind == t.proposedKind
                && Arrays.equals(proposedContentHash.orElse(null), t.proposedContentHash.orElse(null))
                && pipelineId.equals(t.pipelineId);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(failingGate, code, message, context, evaluations, proposedKind,
                Arrays.hashCode(proposedContentHash.orElse(null)), pipelineId);
    }

    /** Readable form with the hash in hex. */
    @Override
    public String toString() {
        return "DenialTrace[failingGate=" + failingGate + ", code=" + code + ", message=" + message
                + ", context=" + context + ", evaluations=" + evaluations
                + ", proposedKind=0x" + Integer.toHexString(proposedKind)
                + ", proposedContentHash=" + proposedContentHash.map(HexFormat.of()::formatHex).orElse("none")
                + ", pipelineId=" + pipelineId.orElse("none") + "]";
    }

    private static GateException invalid(String rule) {
        return new GateException(GateException.Reason.INVALID_TRACE, "invalid denial trace: " + rule);
    }
}
