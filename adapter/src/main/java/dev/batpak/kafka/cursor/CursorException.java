package dev.batpak.kafka.cursor;

import dev.batpak.kafka.BatpakException;

/** A cursor could not be opened or advanced; the code says why. */
public final class CursorException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The checkpoint was saved by a cursor over another region. */
    public static final String REGION_MISMATCH = "CURSOR_REGION_MISMATCH";
    /** The checkpoint id is invalid. */
    public static final String INVALID_CHECKPOINT = "INVALID_CHECKPOINT";
    /** Kafka did not answer in time. */
    public static final String UNAVAILABLE = "CURSOR_UNAVAILABLE";

    /** An error with {@code code} and a message saying what was wrong and what to do. */
    public CursorException(String code, String message) {
        super(code, message);
    }

    /** An error with {@code code}, a message and its cause. */
    public CursorException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
