package dev.batpak.kafka.embedded;

import dev.batpak.kafka.BatpakException;

/**
 * The embedded broker could not start or run. {@link #reason()} says which of the failures a
 * user can act on it was; the message says what to do.
 */
public final class EmbeddedKafkaException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; the exception's {@link #code()} is the reason's name. */
    public enum Reason {
        /** Another running broker owns the data directory (its lock file names a live process). */
        DATA_DIR_IN_USE,
        /** The port the user asked for is taken. */
        PORT_IN_USE,
        /** The data directory cannot be created, read or written. */
        DATA_DIR_UNUSABLE,
        /** The broker process failed, exited or did not answer in time; the message has its log tail. */
        BROKER_START_FAILED
    }

    private final Reason reason;

    EmbeddedKafkaException(Reason reason, String message) {
        super(reason.name(), message);
        this.reason = reason;
    }

    EmbeddedKafkaException(Reason reason, String message, Throwable cause) {
        super(reason.name(), message, cause);
        this.reason = reason;
    }

    /** Which failure this is. */
    public Reason reason() {
        return reason;
    }
}
