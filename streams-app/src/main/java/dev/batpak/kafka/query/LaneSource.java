package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.StoredEvent;
import java.util.Optional;
import java.util.OptionalLong;

/** One lane's index, on this instance ({@link LocalLane}) or on the instance that owns it ({@link RemoteLane}). */
public interface LaneSource {

    /** The most index entries one scan reads before it stops and lets the page be cut. */
    int SCAN_BUDGET = 10_000;

    /** The lane. */
    int lane();

    /**
     * The events of {@code region} after journal offset {@code after} (exclusive; empty = from the
     * start), at most {@code limit} of them and at most {@link #SCAN_BUDGET} entries scanned.
     */
    LaneScan scan(Region region, OptionalLong after, int limit);

    /** The indexed event with {@code id} if this lane holds it. */
    Optional<StoredEvent> get(EventId id);

    /** {next journal offset to index, records skipped} for this lane. */
    long[] progress();
}
