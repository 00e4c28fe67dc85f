package dev.batpak.kafka.clock;

import java.time.Instant;

/**
 * A hybrid logical clock reading: wall-clock milliseconds plus a logical counter that orders
 * readings within (or, after a clock regression, beyond) one millisecond. Ordered by
 * {@code physicalMillis}, then {@code logical}.
 *
 * <p>Both parts are bounded so the timestamp packs into one {@code long}
 * ({@link #packed()}): 48 bits of milliseconds (until the year 10889) and 16 bits of counter.
 * The packed form orders the same as the timestamp under {@link Long#compareUnsigned}; while
 * {@code physicalMillis < 2^47} (until the year 6429) plain signed comparison agrees too.
 *
 * @param physicalMillis Unix milliseconds, in {@code [0, 2^48)}
 * @param logical the counter, in {@code [0, 65535]}
 */
public record HlcTimestamp(long physicalMillis, int logical) implements Comparable<HlcTimestamp> {

    /** The largest physical millisecond value (48 bits). */
    public static final long MAX_PHYSICAL_MILLIS = (1L << 48) - 1;
    /** The largest logical counter (16 bits). */
    public static final int MAX_LOGICAL = 0xFFFF;
    /** The smallest timestamp; every clock reading is greater. */
    public static final HlcTimestamp ZERO = new HlcTimestamp(0, 0);
    /** The largest timestamp; it has no successor. */
    public static final HlcTimestamp MAX = new HlcTimestamp(MAX_PHYSICAL_MILLIS, MAX_LOGICAL);

    /** Rejects parts that do not fit the packed form. */
    public HlcTimestamp {
        if (physicalMillis < 0 || physicalMillis > MAX_PHYSICAL_MILLIS) {
            throw new ClockException(ClockException.Reason.PHYSICAL_OUT_OF_RANGE,
                    "HLC physical time " + physicalMillis + " ms is outside [0, "
                            + MAX_PHYSICAL_MILLIS + "]; check the clock that supplied it");
        }
        if (logical < 0 || logical > MAX_LOGICAL) {
            throw new ClockException(ClockException.Reason.LOGICAL_OUT_OF_RANGE,
                    "HLC logical counter " + logical + " is outside [0, " + MAX_LOGICAL + "]");
        }
    }

    /**
     * A validated timestamp.
     *
     * @throws ClockException if a part is out of range
     */
    public static HlcTimestamp of(long physicalMillis, int logical) {
        return new HlcTimestamp(physicalMillis, logical);
    }

    /** Unpacks {@link #packed()}; every 64-bit value is a valid packed timestamp. */
    public static HlcTimestamp fromPacked(long packed) {
        return new HlcTimestamp(packed >>> 16, (int) (packed & MAX_LOGICAL));
    }

    /** {@code physicalMillis << 16 | logical}; order-preserving under unsigned comparison. */
    public long packed() {
        return (physicalMillis << 16) | logical;
    }

    /**
     * The next timestamp: the counter plus one, carrying into the milliseconds when the counter
     * is full (so the clock keeps advancing instead of wrapping and going backwards).
     *
     * @throws ClockException ({@link ClockException.Reason#EXHAUSTED}) for {@link #MAX}
     */
    public HlcTimestamp successor() {
        if (logical < MAX_LOGICAL) {
            return new HlcTimestamp(physicalMillis, logical + 1);
        }
        if (physicalMillis == MAX_PHYSICAL_MILLIS) {
            throw new ClockException(ClockException.Reason.EXHAUSTED,
                    "HLC timestamp " + this + " is the largest; no later timestamp exists."
                            + " A peer sent a timestamp from the far future; check its clock");
        }
        return new HlcTimestamp(physicalMillis + 1, 0);
    }

    /** The physical part as an instant. */
    public Instant toInstant() {
        return Instant.ofEpochMilli(physicalMillis);
    }

    @Override
    public int compareTo(HlcTimestamp other) {
        int byPhysical = Long.compare(physicalMillis, other.physicalMillis);
        return byPhysical != 0 ? byPhysical : Integer.compare(logical, other.logical);
    }

    /** {@code <physicalMillis>.<logical>}, for people. */
    @Override
    public String toString() {
        return physicalMillis + "." + logical;
    }
}
