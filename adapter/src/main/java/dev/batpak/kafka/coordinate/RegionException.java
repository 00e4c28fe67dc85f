package dev.batpak.kafka.coordinate;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/** A {@link Region} (or one of its filters) was built from invalid parts. */
public final class RegionException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_REGION";

    /** What was invalid. */
    public enum Reason {
        /** The entity prefix is not a valid coordinate entity, so it could match nothing. */
        INVALID_ENTITY_PREFIX,
        /** The scope is not a valid coordinate scope, so it could match nothing. */
        INVALID_SCOPE,
        /**
         * The entity prefix or scope is the literal {@code *}, which the region identity uses for
         * "any"; it would give two different regions the same identity.
         */
        WILDCARD_LITERAL,
        /** The category filter is outside {@code 0..15}. */
        CATEGORY_OUT_OF_RANGE,
        /** The clock range starts after it ends. */
        INVERTED_CLOCK_RANGE,
        /** A clock range bound is negative; per-stream clocks start at 0. */
        NEGATIVE_CLOCK,
        /** The lane is negative; lanes are Kafka partitions, numbered from 0. */
        NEGATIVE_LANE
    }

    private final Reason reason;

    RegionException(Reason reason, String message) {
        super(CODE, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    RegionException(Reason reason, String message, Throwable cause) {
        super(CODE, message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was invalid. */
    public Reason reason() {
        return reason;
    }
}
