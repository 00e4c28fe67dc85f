package dev.batpak.kafka.gate;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permission to commit one payload without running the gates, with the reason that justifies
 * it.
 *
 * <p>Only {@link Pipeline#bypass} makes one, and only the pipeline that made it accepts it in
 * {@link Pipeline#commitBypass}, which attaches a {@link BypassAudit} to the result. Like a
 * {@link GuardReceipt} it authorises exactly one write.
 *
 * @param <T> the payload type
 */
public final class BypassReceipt<T> {

    private final T payload;
    private final BypassReason reason;
    private final Pipeline<?> issuer;
    private final AtomicBoolean consumed = new AtomicBoolean();

    BypassReceipt(T payload, BypassReason reason, Pipeline<?> issuer) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The payload to be written. */
    public T payload() {
        return payload;
    }

    /** Why the gates are skipped. */
    public BypassReason reason() {
        return reason;
    }

    /** True once committed. */
    public boolean isConsumed() {
        return consumed.get();
    }

    /** Consumes the receipt for a commit through {@code pipeline}. */
    T consumeFor(Pipeline<?> pipeline) {
        if (issuer != pipeline) {
            throw new GateException(GateException.Reason.FOREIGN_RECEIPT,
                    "this bypass receipt was issued by another pipeline; request the bypass from the pipeline"
                            + " that commits it");
        }
        if (!consumed.compareAndSet(false, true)) {
            throw new ReceiptConsumedException("BypassReceipt");
        }
        return payload;
    }

    /** Shows the reason and whether the receipt is spent, not the payload. */
    @Override
    public String toString() {
        return "BypassReceipt[reason=" + reason + ", consumed=" + consumed.get() + "]";
    }
}
