package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A lane's index read from its stores on this instance.
 *
 * @param lane the lane
 * @param index its {@link QueryLayout#INDEX} store
 * @param events its {@link QueryLayout#EVENTS} store
 */
public record LocalLane(int lane, ReadOnlyKeyValueStore<Bytes, byte[]> index,
        ReadOnlyKeyValueStore<Bytes, byte[]> events) implements LaneSource {

    @Override
    public LaneScan scan(Region region, OptionalLong after, int limit) {
        return scan(region, after, limit, SCAN_BUDGET);
    }

    /** {@link #scan(Region, OptionalLong, int)} with an explicit scan budget. */
    public LaneScan scan(Region region, OptionalLong after, int limit, int budget) {
        long start = after.isPresent() ? after.getAsLong() + 1 : 0;
        byte[] prefix = QueryLayout.scanPrefix(region);
        boolean direct = prefix.length == 0;
        List<StoredEvent> candidates = new ArrayList<>();
        long lastOffset = -1;
        long lastHlc = 0;
        int scanned = 0;
        try (KeyValueIterator<Bytes, byte[]> range = direct
                ? events.range(QueryLayout.offsetKey(start), QueryLayout.offsetKey(Long.MAX_VALUE))
                : index.range(QueryLayout.entry(prefix, start), QueryLayout.entry(prefix, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                if (candidates.size() >= limit || scanned >= budget) {
                    return new LaneScan(lane, candidates, lastOffset, lastHlc, false);
                }
                KeyValue<Bytes, byte[]> entry = range.next();
                long offset = QueryLayout.offsetOf(entry.key);
                byte[] encoded = direct ? entry.value : events.get(QueryLayout.offsetKey(offset));
                scanned++;
                if (encoded == null) {
                    continue;
                }
                StoredEvent event = decode(encoded, offset);
                lastOffset = offset;
                lastHlc = event.hlc().packed();
                if (PageMerge.selects(region, event)) {
                    candidates.add(event);
                }
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return new LaneScan(lane, candidates, lastOffset, lastHlc, true);
    }

    @Override
    public Optional<StoredEvent> get(EventId id) {
        try {
            byte[] offset = index.get(QueryLayout.idKey(id));
            if (offset == null) {
                return Optional.empty();
            }
            long journalOffset = QueryLayout.offsetOf(Bytes.wrap(offset));
            byte[] encoded = events.get(QueryLayout.offsetKey(journalOffset));
            return encoded == null ? Optional.empty() : Optional.of(decode(encoded, journalOffset));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    @Override
    public long[] progress() {
        try {
            return QueryIndexProcessor.progress(index.get(QueryLayout.PROGRESS));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    private static StoredEvent decode(byte[] encoded, long offset) {
        // written by the index processor from a record it had already mapped, so this cannot fail
        return JournalMapping.toStoredEvent(Codecs.JOURNAL_EVENT.decode(encoded), offset);
    }

    private QueryException unavailable(InvalidStateStoreException e) {
        return new QueryException(QueryException.UNAVAILABLE, "the query index of lane " + lane
                + " is not queryable now (" + e.getMessage() + "); retry after the rebalance", e);
    }
}
