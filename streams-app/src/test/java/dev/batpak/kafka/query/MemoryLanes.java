package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.testing.MapStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Lanes of the query index built in memory with the index processor's own write path, served
 * through {@link QueryService.Lanes} with a chosen scan budget, so the paging law can be checked
 * without a broker.
 */
final class MemoryLanes implements QueryService.Lanes {

    private final int count;
    private final int budget;
    private final Map<Integer, MapStore> indexes = new HashMap<>();
    private final Map<Integer, MapStore> events = new HashMap<>();
    private final Map<Integer, Long> nextOffset = new HashMap<>();
    private final Map<String, Long> clocks = new HashMap<>();
    private final List<StoredEvent> all = new ArrayList<>();

    MemoryLanes(int count, int budget) {
        this.count = count;
        this.budget = budget;
        for (int lane = 0; lane < count; lane++) {
            indexes.put(lane, new MapStore());
            events.put(lane, new MapStore());
            nextOffset.put(lane, 0L);
        }
    }

    /** Appends an event to {@code lane} at its next offset, with the given packed HLC. */
    StoredEvent add(int lane, String entity, String scope, int kind, long hlc) {
        long offset = nextOffset.merge(lane, 1L, Long::sum) - 1;
        long clock = clocks.merge(entity + "@" + lane, 1L, Long::sum) - 1;
        byte[] id = EventId.random().toBytes();
        JournalEvent record = JournalEvent.newBuilder()
                .setEventId(new Id16(id))
                .setEntity(entity)
                .setScope(scope)
                .setLane(lane)
                .setClock(clock)
                .setKind(kind)
                .setEncoding(PayloadEncoding.RAW)
                .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(id))
                .setHlc(hlc)
                .setPrevHash(new Hash32(new byte[32]))
                .setEventHash(new Hash32(new byte[32]))
                .setProposalOffset(offset)
                .build();
        StoredEvent event = JournalMapping.toStoredEvent(record, offset);
        QueryIndexProcessor.write(events.get(lane)::put, indexes.get(lane)::put, record, event);
        all.add(event);
        return event;
    }

    /** Every event added. */
    List<StoredEvent> events() {
        return List.copyOf(all);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public SortedMap<Integer, LaneSource> owned() {
        SortedMap<Integer, LaneSource> owned = new TreeMap<>();
        local().forEach((lane, local) -> owned.put(lane, new LaneSource() {
            @Override
            public int lane() {
                return lane;
            }

            @Override
            public LaneScan scan(Region region, OptionalLong after, int limit) {
                return local.scan(region, after, limit, budget);
            }

            @Override
            public Optional<StoredEvent> get(EventId id) {
                return local.get(id);
            }

            @Override
            public long[] progress() {
                return new long[] {nextOffset.get(lane), 0};
            }
        }));
        return owned;
    }

    @Override
    public SortedMap<Integer, LocalLane> local() {
        SortedMap<Integer, LocalLane> local = new TreeMap<>();
        for (int lane = 0; lane < count; lane++) {
            local.put(lane, new LocalLane(lane, indexes.get(lane), events.get(lane)));
        }
        return local;
    }
}
