package dev.batpak.kafka.read;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a region query resumes: for each lane, the journal offset of the last event the caller has
 * been given (or has skipped past). The next page holds, per lane, only events at higher offsets,
 * so resuming is exclusive; a lane that is absent starts from its first event.
 *
 * <p>The position is a per-lane vector rather than one number because lanes commit independently:
 * there is no single sequence across lanes. It is opaque to callers; {@link #encode()} gives its
 * text form ({@code q1:} followed by {@code lane-offset} pairs in ascending lane order, comma
 * separated, for example {@code q1:0-17,3-4}), which {@link #parse(String)} reads back exactly.
 *
 * @param lanes lane to the journal offset of the last event passed on that lane
 */
public record QueryPosition(SortedMap<Integer, Long> lanes) {

    /** The prefix of the text form; the digit is the format version. */
    public static final String PREFIX = "q1:";

    private static final QueryPosition START = new QueryPosition(new TreeMap<>());

    /** Validates and copies. */
    public QueryPosition {
        Objects.requireNonNull(lanes, "lanes");
        TreeMap<Integer, Long> copy = new TreeMap<>();
        for (Map.Entry<Integer, Long> entry : lanes.entrySet()) {
            int lane = Objects.requireNonNull(entry.getKey(), "lane");
            long offset = Objects.requireNonNull(entry.getValue(), "offset");
            if (lane < 0 || offset < 0) {
                throw new QueryException(QueryException.INVALID_QUERY, "a query position holds lanes and journal"
                        + " offsets >= 0, got lane " + lane + " at offset " + offset);
            }
            copy.put(lane, offset);
        }
        lanes = Collections.unmodifiableSortedMap(copy);
    }

    /** The position before every event. */
    public static QueryPosition start() {
        return START;
    }

    /**
     * A position from lane to last passed journal offset.
     *
     * @throws QueryException {@code INVALID_QUERY} if a lane or offset is negative
     */
    public static QueryPosition of(Map<Integer, Long> lanes) {
        return new QueryPosition(new TreeMap<>(lanes));
    }

    /** The journal offset of the last event passed on {@code lane}, empty when the lane starts from its beginning. */
    public OptionalLong after(int lane) {
        Long offset = lanes.get(lane);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * This position moved on {@code lane} to {@code offset}; a lane never moves back, so an offset
     * at or below the current one leaves the position as it is.
     */
    public QueryPosition advance(int lane, long offset) {
        Long current = lanes.get(lane);
        if (current != null && current >= offset) {
            return this;
        }
        TreeMap<Integer, Long> next = new TreeMap<>(lanes);
        next.put(lane, offset);
        return new QueryPosition(next);
    }

    /** True if no lane has moved. */
    public boolean isStart() {
        return lanes.isEmpty();
    }

    /** The text form, {@code q1:lane-offset,...}, safe to store and hand back to {@link #parse}. */
    public String encode() {
        StringBuilder text = new StringBuilder(PREFIX);
        lanes.forEach((lane, offset) -> {
            if (text.length() > PREFIX.length()) {
                text.append(',');
            }
            text.append(lane).append('-').append(offset);
        });
        return text.toString();
    }

    /**
     * Reads a text form made by {@link #encode()}.
     *
     * @throws QueryException {@code INVALID_QUERY} if the text is not a position: a position is
     *     only ever taken from a page, never written by hand
     */
    public static QueryPosition parse(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw invalid(text, "it does not start with " + PREFIX);
        }
        String body = text.substring(PREFIX.length());
        TreeMap<Integer, Long> lanes = new TreeMap<>();
        if (body.isEmpty()) {
            return START;
        }
        int previous = -1;
        for (String pair : body.split(",", -1)) {
            int dash = pair.indexOf('-');
            if (dash < 0) {
                throw invalid(text, "'" + pair + "' is not lane-offset");
            }
            long lane = number(text, pair.substring(0, dash));
            long offset = number(text, pair.substring(dash + 1));
            if (lane > Integer.MAX_VALUE) {
                throw invalid(text, "lane " + lane + " is too large");
            }
            if (lane <= previous) {
                throw invalid(text, "lanes must be strictly ascending");
            }
            previous = (int) lane;
            lanes.put((int) lane, offset);
        }
        return new QueryPosition(lanes);
    }

    /** The text form. */
    @Override
    public String toString() {
        return encode();
    }

    private static long number(String text, String digits) {
        if (digits.isEmpty() || digits.length() > 19 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw invalid(text, "'" + digits + "' is not a canonical non-negative number");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw invalid(text, "'" + digits + "' is not a canonical non-negative number");
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw invalid(text, "'" + digits + "' is out of range");
        }
    }

    private static QueryException invalid(String text, String why) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return new QueryException(QueryException.INVALID_QUERY, "'" + shown + "' is not a query position: " + why
                + "; pass back the position of a page unchanged");
    }
}
