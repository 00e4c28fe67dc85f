package dev.batpak.kafka.clock;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * A hybrid logical clock value or reading is out of range. Code {@code INVALID_CLOCK}, like
 * batpak's {@code InvalidClock}.
 */
public final class ClockException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_CLOCK";

    /** What was out of range. */
    public enum Reason {
        /** Physical milliseconds outside {@code [0, 2^48)}. */
        PHYSICAL_OUT_OF_RANGE,
        /** Logical counter outside {@code [0, 2^16)}. */
        LOGICAL_OUT_OF_RANGE,
        /** The wall clock reads beyond what 48 bits of milliseconds can hold. */
        WALL_CLOCK_OUT_OF_RANGE,
        /** No timestamp is left after the largest one, so the clock cannot advance. */
        EXHAUSTED
    }

    private final Reason reason;

    ClockException(Reason reason, String message) {
        super(CODE, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was out of range. */
    public Reason reason() {
        return reason;
    }
}
