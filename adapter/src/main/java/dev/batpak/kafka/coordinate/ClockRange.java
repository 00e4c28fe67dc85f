package dev.batpak.kafka.coordinate;

/**
 * An inclusive range {@code [start, end]} over the per-(entity, lane) clock, the counter of a
 * single stream, not the journal position. Both bounds are non-negative (stream clocks start at
 * 0) and {@code start <= end}; an inverted range is refused rather than read as empty, because
 * it is almost always swapped arguments.
 *
 * @param start the first clock value included
 * @param end the last clock value included
 */
public record ClockRange(long start, long end) {

    /** Validates the bounds. */
    public ClockRange {
        if (start < 0 || end < 0) {
            throw new RegionException(RegionException.Reason.NEGATIVE_CLOCK,
                    "clock range [" + start + ", " + end + "] has a negative bound;"
                            + " stream clocks start at 0");
        }
        if (start > end) {
            throw new RegionException(RegionException.Reason.INVERTED_CLOCK_RANGE,
                    "clock range [" + start + ", " + end + "] starts after it ends;"
                            + " pass (start, end) with start <= end");
        }
    }

    /**
     * A validated range.
     *
     * @throws RegionException if a bound is negative or {@code start > end}
     */
    public static ClockRange of(long start, long end) {
        return new ClockRange(start, end);
    }

    /** True if {@code start <= clock <= end}. */
    public boolean contains(long clock) {
        return clock >= start && clock <= end;
    }

    /** {@code start-end}, as in the region identity. */
    @Override
    public String toString() {
        return start + "-" + end;
    }
}
