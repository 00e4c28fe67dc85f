package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** Some items of a batch carry idempotency keys and some do not, or two items share a key. A batch is retried as a whole, so either every item has its own key or none has. Nothing was sent. */
public final class IdempotencyPartialBatchException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public IdempotencyPartialBatchException(String message) {
        super("IDEMPOTENCY_PARTIAL_BATCH", message);
    }
}
