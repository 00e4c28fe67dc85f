package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one proposal against a gate set: either every gate let it through
 * ({@link Passed}, with the {@link GuardReceipt} needed to commit), or one denied it
 * ({@link Denied}, with the denial and the per-gate trace).
 *
 * <p>A sealed type rather than an exception because a denial is an expected business answer,
 * and a switch over the two cases makes the caller handle both.
 *
 * @param <T> the payload type
 */
public sealed interface Evaluation<T> permits Evaluation.Passed, Evaluation.Denied {

    /** True when every gate let the proposal through. */
    boolean passed();

    /**
     * Every gate let the proposal through.
     *
     * @param receipt the receipt to commit with
     * @param <T> the payload type
     */
    record Passed<T>(GuardReceipt<T> receipt) implements Evaluation<T> {

        /** Rejects a null receipt. */
        public Passed {
            Objects.requireNonNull(receipt, "receipt");
        }

        @Override
        public boolean passed() {
            return true;
        }
    }

    /**
     * A gate denied the proposal; later gates were not evaluated.
     *
     * @param denial the first denial, which decided
     * @param evaluations one entry per gate: {@code Permit} before the denier, its {@code Deny},
     *     {@code Skipped} after
     * @param pipelineId the id of the pipeline that evaluated, if it has one
     * @param <T> the payload type
     */
    record Denied<T>(Denial denial, List<GateEvaluation> evaluations, Optional<String> pipelineId)
            implements Evaluation<T> {

        /** Validates and freezes the parts. */
        public Denied {
            Objects.requireNonNull(denial, "denial");
            evaluations = List.copyOf(evaluations);
            Objects.requireNonNull(pipelineId, "pipelineId");
        }

        @Override
        public boolean passed() {
            return false;
        }

        /**
         * The journal form of this denial, once the caller supplies what was proposed (the gate
         * set only saw the caller's context and payload, not the event kind or its hash).
         *
         * @param proposedKind raw 16-bit event kind
         * @param proposedContentHash BLAKE3 of the proposed payload bytes (32 bytes), or null
         */
        public DenialTrace trace(int proposedKind, byte[] proposedContentHash) {
            return DenialTrace.of(denial, evaluations, proposedKind, proposedContentHash, pipelineId.orElse(null));
        }
    }
}
