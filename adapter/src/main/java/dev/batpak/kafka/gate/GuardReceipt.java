package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proof that every gate of a {@link GateSet} let one payload through: the payload the gates saw
 * and the names of the gates it passed, in order.
 *
 * <p>Only {@link GateSet#evaluate} makes one (the constructor is not public), so holding a
 * receipt means the gates really ran; there is no way to build one for a payload that was never
 * evaluated. It is not {@code Cloneable} or {@code Serializable}, so it cannot be duplicated or
 * revived, and it is consumed exactly once ({@link #consume()} or {@link Pipeline#commit}): one
 * evaluation authorises one write. A guard receipt is not an append receipt: it says nothing
 * about the store.
 *
 * <p>Gate evaluation is not atomic with the store: between evaluate and commit the entity may
 * change. Combine gates with an expected-sequence check on the append when that matters.
 *
 * @param <T> the payload type
 */
public final class GuardReceipt<T> {

    /**
     * What a consumed receipt hands over.
     *
     * @param payload the payload the gates evaluated
     * @param gatesPassed the names of the gates it passed, in evaluation order
     * @param <T> the payload type
     */
    public record Parts<T>(T payload, List<String> gatesPassed) {

        /** Freezes the gate list. */
        public Parts {
            Objects.requireNonNull(payload, "payload");
            gatesPassed = List.copyOf(gatesPassed);
        }
    }

    private final T payload;
    private final List<String> gatesPassed;
    private final GateSet<?> issuer;
    private final AtomicBoolean consumed = new AtomicBoolean();

    GuardReceipt(T payload, List<String> gatesPassed, GateSet<?> issuer) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.gatesPassed = List.copyOf(gatesPassed);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** The payload the gates evaluated. Reading it does not consume the receipt. */
    public T payload() {
        return payload;
    }

    /** The names of the gates the payload passed, in evaluation order (empty for an empty set). */
    public List<String> gatesPassed() {
        return gatesPassed;
    }

    /** True once the receipt has been consumed. */
    public boolean isConsumed() {
        return consumed.get();
    }

    /**
     * Takes the payload and gate list out of the receipt, once.
     *
     * @throws ReceiptConsumedException if the receipt was already consumed (here or by a commit)
     */
    public Parts<T> consume() {
        if (!consumed.compareAndSet(false, true)) {
            throw new ReceiptConsumedException("GuardReceipt");
        }
        return new Parts<>(payload, gatesPassed);
    }

    /** Consumes the receipt for a commit through the given gate set, refusing another set's receipt. */
    Parts<T> consumeFor(GateSet<?> gates) {
        if (issuer != gates) {
            throw new GateException(GateException.Reason.FOREIGN_RECEIPT,
                    "this receipt was issued by the gate set " + issuer.names() + ", not by this pipeline's "
                            + gates.names() + "; evaluate the proposal through this pipeline");
        }
        return consume();
    }

    /** Shows the gates passed and whether the receipt is spent, not the payload. */
    @Override
    public String toString() {
        return "GuardReceipt[gatesPassed=" + gatesPassed + ", consumed=" + consumed.get() + "]";
    }
}
