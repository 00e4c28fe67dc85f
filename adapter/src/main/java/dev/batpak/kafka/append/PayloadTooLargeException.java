package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** A payload (with its extensions) is larger than the store's limit, which stays below the broker's max.message.bytes. Nothing was sent; store large blobs elsewhere and append a reference, or raise both limits together. */
public final class PayloadTooLargeException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public PayloadTooLargeException(String message) {
        super("PAYLOAD_TOO_LARGE", message);
    }
}
