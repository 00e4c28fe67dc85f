package dev.batpak.kafka.coordinate;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * A {@link Coordinate} component broke one of the validation rules. {@link #reason()} says which
 * rule (the first that failed, in the documented order) and {@link #component()} says whether it
 * was the {@code "entity"} or the {@code "scope"}.
 */
public final class CoordinateException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_COORDINATE";

    /** Which validation rule failed. Listed in the order the rules are checked. */
    public enum Reason {
        /** The entity is empty (or null): an event must belong to some stream. */
        EMPTY_ENTITY,
        /** The scope is empty (or null): every event lives in some isolation boundary. */
        EMPTY_SCOPE,
        /** The entity is longer than {@link Coordinate#MAX_COMPONENT_BYTES} UTF-8 bytes. */
        ENTITY_TOO_LONG,
        /** The scope is longer than {@link Coordinate#MAX_COMPONENT_BYTES} UTF-8 bytes. */
        SCOPE_TOO_LONG,
        /**
         * The component holds a lone UTF-16 surrogate, which has no UTF-8 encoding; it would be
         * replaced on the wire and silently become a different coordinate. Java-only: Rust
         * strings cannot hold one.
         */
        UNPAIRED_SURROGATE,
        /** The component contains a NUL byte, which C-based tooling would truncate at. */
        NUL_BYTE,
        /** The component contains a control byte ({@code < 0x20} or {@code 0x7F}). */
        CONTROL_CHAR,
        /** The component contains {@code /} or {@code ..}, which could escape a path. */
        PATH_TRAVERSAL,
        /**
         * The component contains {@code |} or {@code =}, reserved because region identities
         * that bind cursor checkpoints are built as {@code key=value|key=value}.
         */
        FORBIDDEN_SEPARATOR
    }

    private final Reason reason;
    private final String component;

    CoordinateException(Reason reason, String component, String message) {
        super(CODE, message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.component = Objects.requireNonNull(component, "component");
    }

    /** The rule that failed. */
    public Reason reason() {
        return reason;
    }

    /** {@code "entity"} or {@code "scope"}: the component that failed. */
    public String component() {
        return component;
    }
}
