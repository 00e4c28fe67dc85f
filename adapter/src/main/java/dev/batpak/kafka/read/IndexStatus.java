package dev.batpak.kafka.read;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far the query index has read each lane's journal: the next journal offset it will index
 * (every record below it is indexed or was skipped as undecodable), and how many records it
 * skipped. A caller that needs to read its own write waits until
 * {@link #hasIndexed(int, long) hasIndexed(lane, journalOffset)} of the event it wrote.
 *
 * @param next lane to the next journal offset the index will read
 * @param skipped lane to the number of journal records skipped as undecodable
 */
public record IndexStatus(SortedMap<Integer, Long> next, SortedMap<Integer, Long> skipped) {

    /** Validates and copies. */
    public IndexStatus {
        next = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(next, "next")));
        skipped = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(skipped, "skipped")));
    }

    /** A status from plain maps. */
    public static IndexStatus of(Map<Integer, Long> next, Map<Integer, Long> skipped) {
        return new IndexStatus(new TreeMap<>(next), new TreeMap<>(skipped));
    }

    /** True if the record at {@code journalOffset} of {@code lane} is in the index (or was skipped). */
    public boolean hasIndexed(int lane, long journalOffset) {
        return next.getOrDefault(lane, 0L) > journalOffset;
    }
}
