package dev.batpak.kafka.payload;

import dev.batpak.kafka.BatpakException;

/**
 * A stored payload could not be decoded as the requested type: the kind does not match, the
 * stored payload version is newer than the reader's (never guessed at), or the bytes do not
 * parse. {@link #reason()} says which.
 */
public final class PayloadDecodeException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** The event's kind is not the type's kind. */
        KIND_MISMATCH,
        /** The event was written with a newer payload version than this reader knows. */
        FUTURE_VERSION,
        /** The bytes do not decode as the type. */
        DECODE_FAILURE
    }

    private final Reason reason;

    /** Creates the exception. */
    public PayloadDecodeException(Reason reason, String message, Throwable cause) {
        super("PAYLOAD_" + reason.name(), message, cause);
        this.reason = reason;
    }

    /** Why decoding failed. */
    public Reason reason() {
        return reason;
    }
}
