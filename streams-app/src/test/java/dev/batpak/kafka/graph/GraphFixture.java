package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.GraphNode;
import dev.batpak.kafka.testing.MapStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A causal graph written by hand into per-lane {@link MapStore}s with the sequencer's layout:
 * events named by short strings, chained per {@code (entity, lane)}.
 */
final class GraphFixture {

    static final int KIND = 0x1001;

    final List<MapStore> lanes = new ArrayList<>();
    private final Map<String, EventId> ids = new HashMap<>();
    private final Map<String, byte[]> heads = new HashMap<>();
    private final Map<String, Long> clocks = new HashMap<>();

    GraphFixture(int laneCount) {
        for (int i = 0; i < laneCount; i++) {
            lanes.add(new MapStore());
        }
    }

    /** The id of the event called {@code name}. */
    EventId id(String name) {
        return ids.computeIfAbsent(name, n -> EventId.of(UUID.nameUUIDFromBytes(n.getBytes(StandardCharsets.UTF_8))));
    }

    /** Adds event {@code name} on {@code entity}'s stream in {@code lane}, correlated to {@code correlation}. */
    GraphNode add(String name, String entity, int lane, long hlc, String correlation, String... parents) {
        String stream = entity + "/" + lane;
        byte[] prev = heads.getOrDefault(stream, new byte[32]);
        long clock = clocks.merge(stream, 1L, Long::sum) - 1;
        byte[] hash = Blake3.hash(name.getBytes(StandardCharsets.UTF_8));
        heads.put(stream, hash);
        List<byte[]> parentIds = new ArrayList<>();
        for (String parent : parents) {
            parentIds.add(id(parent).toBytes());
        }
        GraphNode node = new GraphNode(lane, clock, hlc, KIND, entity, "test", hash, prev, id(correlation).toBytes(),
                parentIds);
        put(name, node);
        return node;
    }

    /** Writes a node as the sequencer would. */
    void put(String name, GraphNode node) {
        MapStore store = lanes.get(node.lane());
        byte[] id = id(name).toBytes();
        store.put(GraphLayout.nodeKey(id), node.encode());
        store.put(GraphLayout.hashKey(node.eventHash()), id);
        for (byte[] parent : node.parents()) {
            store.put(GraphLayout.childKey(parent, node.hlc(), id), new byte[0]);
        }
        store.put(GraphLayout.correlationKey(node.correlationId(), node.hlc(), id), new byte[0]);
    }

    StoreCausalGraph graph() {
        return new StoreCausalGraph(GraphStores.of(lanes));
    }

    /** The names of events, in order, for assertions. */
    List<String> names(List<GraphEvent> events) {
        List<String> names = new ArrayList<>();
        for (GraphEvent event : events) {
            names.add(ids.entrySet().stream().filter(e -> e.getValue().equals(event.eventId())).map(Map.Entry::getKey)
                    .findFirst().orElse(event.eventId().toString()));
        }
        return names;
    }
}
