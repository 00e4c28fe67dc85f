package dev.batpak.kafka.payload;

import dev.batpak.kafka.BatpakException;

/**
 * An event type cannot be registered as given, so the application refuses to start rather than fail
 * when an old event is read. {@link #reason()} says what is wrong; the code is
 * {@code UPCAST_CHAIN_INCOMPLETE} for a missing step or a step without a way to read its input
 * (batpak's {@code UpcastChainIncomplete}), and {@code INVALID_EVENT_TYPE} otherwise.
 */
public final class EventTypeRegistrationException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the registration. */
    public enum Reason {
        /** A version between 1 and the current one has no upcaster. */
        MISSING_STEP,
        /** An Avro step has no schema for its input and no registry was given to fetch one. */
        MISSING_SCHEMA,
        /** Two upcasters read the same version. */
        DUPLICATE_STEP,
        /** An upcaster reads the current version or a newer one. */
        STEP_OUT_OF_RANGE,
        /** The upcaster's flavour (Avro or JSON) does not match the type's codec. */
        WRONG_FLAVOUR,
        /** Two types claim the same kind, or the same Java class is registered twice. */
        DUPLICATE_TYPE
    }

    private final Reason reason;

    /** Creates the exception. */
    public EventTypeRegistrationException(Reason reason, String message) {
        super(reason == Reason.MISSING_STEP || reason == Reason.MISSING_SCHEMA ? "UPCAST_CHAIN_INCOMPLETE"
                : "INVALID_EVENT_TYPE", message);
        this.reason = reason;
    }

    /** What is wrong with the registration. */
    public Reason reason() {
        return reason;
    }
}
