package dev.batpak.kafka.event;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * An {@link EventKind} could not be built: a category or type id out of range, a reserved
 * category used where only product kinds are allowed, or unparseable text.
 */
public final class EventKindException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_EVENT_KIND";

    /** Why the kind was refused. */
    public enum Reason {
        /** The category is outside {@code 0..15}: it has only 4 bits. */
        CATEGORY_OUT_OF_RANGE,
        /** Category {@code 0x0} is reserved for the system's own events (init, denial, ...). */
        RESERVED_SYSTEM_CATEGORY,
        /** Category {@code 0xD} is reserved for effects (error, retry, ack, ...). */
        RESERVED_EFFECT_CATEGORY,
        /** The type id is outside {@code 0..4095}: it has only 12 bits. */
        TYPE_ID_OUT_OF_RANGE,
        /** The raw value is outside {@code 0..0xFFFF}: a kind has only 16 bits. */
        RAW_OUT_OF_RANGE,
        /** The text is not of the form {@code CATEGORY:TYPE}. */
        MALFORMED
    }

    private final Reason reason;

    EventKindException(Reason reason, String message) {
        super(CODE, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the kind was refused. */
    public Reason reason() {
        return reason;
    }
}
