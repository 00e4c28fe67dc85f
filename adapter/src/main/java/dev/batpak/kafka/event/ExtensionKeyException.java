package dev.batpak.kafka.event;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/** An {@link ExtensionKey} broke one of its rules; {@link #reason()} says which. */
public final class ExtensionKeyException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_EXTENSION_KEY";

    /** Why the key was refused, in the order the rules are checked. */
    public enum Reason {
        /** The key is empty (or null). */
        EMPTY,
        /** The key contains a non-ASCII character. */
        NON_ASCII,
        /** The key is longer than {@link ExtensionKey#MAX_BYTES} bytes. */
        TOO_LONG,
        /** The key does not contain exactly one {@code .}. */
        SEPARATOR_COUNT,
        /** The part before the {@code .} is empty. */
        EMPTY_NAMESPACE,
        /** The part after the {@code .} is empty. */
        EMPTY_FIELD,
        /** The namespace is {@code batpak}, which only the system may use. */
        RESERVED_NAMESPACE
    }

    private final Reason reason;

    ExtensionKeyException(Reason reason, String message) {
        super(CODE, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the key was refused. */
    public Reason reason() {
        return reason;
    }
}
