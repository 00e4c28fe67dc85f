package dev.batpak.kafka;

/**
 * The base of every typed error batpak-kafka throws. Each subclass says what was wrong and what
 * to do; {@link #code()} is a stable machine-readable code (for example
 * {@code INVALID_COORDINATE}) that the command line prints and callers may switch on.
 */
public abstract class BatpakException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected BatpakException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected BatpakException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable code in SCREAMING_SNAKE_CASE naming the kind of failure. */
    public String code() {
        return code;
    }
}
