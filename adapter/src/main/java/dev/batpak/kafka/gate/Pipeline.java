package dev.batpak.kafka.gate;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Evaluate, then commit: a {@link GateSet} bound to the write step, so a payload reaches the
 * caller's write function only with a {@link GuardReceipt} from these gates or an audited
 * {@link BypassReceipt}.
 *
 * <p>The pipeline never writes. The caller's commit function does (typically an
 * {@code EventStore} append) and returns its own metadata, which the pipeline wraps in a
 * {@link Committed}. Keeping the write outside means the pipeline has no store dependency and
 * can guard any side effect.
 *
 * <p>Gate evaluation is not atomic with the store: the receipt freezes the payload, not the
 * world. To guard against a concurrent change, make the write conditional (expected sequence).
 *
 * @param <C> the caller's context type
 */
public final class Pipeline<C> {

    private final GateSet<C> gates;
    private final Optional<String> pipelineId;

    private Pipeline(GateSet<C> gates, Optional<String> pipelineId) {
        this.gates = Objects.requireNonNull(gates, "gates");
        this.pipelineId = pipelineId;
    }

    /** A pipeline without an id. */
    public static <C> Pipeline<C> of(GateSet<C> gates) {
        return new Pipeline<>(gates, Optional.empty());
    }

    /**
     * A pipeline with an id, recorded in its denial traces and bypass audits.
     *
     * @throws GateException if the id is not non-empty printable ASCII
     */
    public static <C> Pipeline<C> of(String pipelineId, GateSet<C> gates) {
        return new Pipeline<>(gates, Optional.of(GateIds.require("pipeline id", pipelineId)));
    }

    /** The gates. */
    public GateSet<C> gates() {
        return gates;
    }

    /** The id, if any. */
    public Optional<String> pipelineId() {
        return pipelineId;
    }

    /**
     * Runs the gates fail-fast.
     *
     * @return a receipt to {@link #commit} with, or the denial with its trace (carrying this
     *     pipeline's id)
     */
    public <T> Evaluation<T> evaluate(C ctx, Proposal<T> proposal) {
        return gates.evaluate(ctx, proposal, pipelineId);
    }

    /**
     * Consumes the receipt and hands its payload to the caller's write.
     *
     * <p>The receipt is consumed before {@code commitFn} runs, so two threads racing with one
     * receipt cannot both write; if the write fails, evaluate again for a new receipt.
     *
     * @param receipt a receipt from this pipeline's gate set
     * @param commitFn the caller's write; returns its metadata (for example from the append receipt)
     * @throws ReceiptConsumedException if the receipt was already consumed
     * @throws GateException with {@link GateException.Reason#FOREIGN_RECEIPT} if another gate set
     *     issued the receipt, or {@link GateException.Reason#MISSING_COMMIT_METADATA} if
     *     {@code commitFn} returned null
     */
    public <T, M> Committed<T, M> commit(GuardReceipt<T> receipt, Function<? super T, ? extends M> commitFn) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(commitFn, "commitFn");
        T payload = receipt.consumeFor(gates).payload();
        return new Committed<>(payload, requireMetadata(commitFn.apply(payload)), Optional.empty());
    }

    /**
     * Allows one proposal through without its gates, for a stated reason. Nothing runs yet:
     * the write happens in {@link #commitBypass}.
     */
    public <T> BypassReceipt<T> bypass(Proposal<T> proposal, BypassReason reason) {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(reason, "reason");
        return new BypassReceipt<>(proposal.payload(), reason, this);
    }

    /**
     * Consumes a bypass receipt and hands its payload to the caller's write; the result carries
     * a {@link BypassAudit} naming the reason and the gates that were skipped.
     *
     * @throws ReceiptConsumedException if the receipt was already consumed
     * @throws GateException with {@link GateException.Reason#FOREIGN_RECEIPT} if another pipeline
     *     issued it, or {@link GateException.Reason#MISSING_COMMIT_METADATA} if {@code commitFn}
     *     returned null
     */
    public <T, M> Committed<T, M> commitBypass(BypassReceipt<T> receipt, Function<? super T, ? extends M> commitFn) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(commitFn, "commitFn");
        T payload = receipt.consumeFor(this);
        BypassAudit audit = new BypassAudit(receipt.reason(), pipelineId, gates.names());
        return new Committed<>(payload, requireMetadata(commitFn.apply(payload)), Optional.of(audit));
    }

    private static <M> M requireMetadata(M metadata) {
        if (metadata == null) {
            throw new GateException(GateException.Reason.MISSING_COMMIT_METADATA,
                    "the commit function returned null; return the metadata of the write it made"
                            + " (for example built from the append receipt)");
        }
        return metadata;
    }

    /** Shows the id and gate names. */
    @Override
    public String toString() {
        return "Pipeline[" + pipelineId.orElse("unnamed") + ", " + gates + "]";
    }
}
