package dev.batpak.kafka.gate;

import java.util.Objects;

/**
 * One entry of a denial trace: which gate, and what it said.
 *
 * @param gateId the gate's name (non-empty printable ASCII)
 * @param verdict {@link GateVerdict.Permit}, {@link GateVerdict.Deny} or {@link GateVerdict.Skipped}
 */
public record GateEvaluation(String gateId, GateVerdict verdict) {

    /** Validates the id, so a trace never carries an entry a verifier cannot attribute. */
    public GateEvaluation {
        GateIds.require("gate id", gateId);
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The gate let the proposal through. */
    public static GateEvaluation permit(String gateId) {
        return new GateEvaluation(gateId, GateVerdict.PERMIT);
    }

    /** The gate was not asked. */
    public static GateEvaluation skipped(String gateId) {
        return new GateEvaluation(gateId, GateVerdict.SKIPPED);
    }

    /** The entry for a denial, attributed to the denial's gate. */
    public static GateEvaluation deny(Denial denial) {
        return new GateEvaluation(denial.gate(), GateVerdict.Deny.of(denial));
    }
}
