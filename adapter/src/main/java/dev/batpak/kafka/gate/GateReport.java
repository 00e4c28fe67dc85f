package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Optional;

/**
 * The answer of every gate of a set for one context ({@link GateSet#evaluateAll}): all the
 * denials in evaluation order and one {@code Permit} or {@code Deny} entry per gate.
 *
 * <p>Where {@link GateSet#evaluate} stops at the first denial (cheapest when only the decision
 * matters), this report shows a user everything that is wrong at once, for example to list every
 * invalid field of a form.
 *
 * @param evaluations one entry per gate, in registration order, {@code Permit} or {@code Deny}
 * @param denials every denial, in registration order; empty when all gates passed
 */
public record GateReport(List<GateEvaluation> evaluations, List<Denial> denials) {

    /** Freezes the lists. */
    public GateReport {
        evaluations = List.copyOf(evaluations);
        denials = List.copyOf(denials);
    }

    /** True when no gate denied. */
    public boolean passed() {
        return denials.isEmpty();
    }

    /** The first denial in evaluation order, which is what {@link GateSet#evaluate} would return. */
    public Optional<Denial> firstDenial() {
        return denials.stream().findFirst();
    }

    /**
     * The journal form of this report: decided by the first denial, with every gate's verdict.
     *
     * @param proposedKind raw 16-bit event kind
     * @param proposedContentHash BLAKE3 of the proposed payload (32 bytes), or null
     * @param pipelineId the evaluating pipeline's id, or null
     * @throws GateException with {@link GateException.Reason#INVALID_TRACE} when no gate denied
     */
    public DenialTrace trace(int proposedKind, byte[] proposedContentHash, String pipelineId) {
        Denial first = firstDenial().orElseThrow(() -> new GateException(GateException.Reason.INVALID_TRACE,
                "every gate passed, so there is no denial to trace; check passed() first"));
        return DenialTrace.of(first, evaluations, proposedKind, proposedContentHash,
                pipelineId);
    }
}
