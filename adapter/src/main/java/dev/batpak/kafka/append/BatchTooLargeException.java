package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** A batch is empty or has more items or bytes than the store allows. Nothing was sent; split it, or raise the limits (bounded by the transaction and request sizes the broker accepts). */
public final class BatchTooLargeException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public BatchTooLargeException(String message) {
        super("BATCH_TOO_LARGE", message);
    }
}
