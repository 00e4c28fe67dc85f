package dev.batpak.kafka.graph;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.GraphNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link CausalGraph} answered from the sequencer's graph stores ({@link GraphLayout}).
 *
 * <p>Continuation tokens: an ancestry walk resumes at the next predecessor ({@code w1:<event id>});
 * a causal walk resumes by position in its breadth-first order ({@code b1:<count>}, stable for
 * ancestors because sealed parents never change; descendants that appear between two pages may
 * shift it); a correlation page resumes after the last {@code (hlc, event id)} it returned
 * ({@code c1:<hlc>:<event id>}), which is exact.
 */
public final class StoreCausalGraph implements CausalGraph {

    /** The most events {@link #happenedBefore} visits in each direction before giving up. */
    public static final int MAX_SEARCH = 100_000;

    private static final String WALK_TOKEN = "w1:";
    private static final String BFS_TOKEN = "b1:";
    private static final String CORRELATION_TOKEN = "c1:";

    private final GraphStores stores;

    /** Queries over these stores. */
    public StoreCausalGraph(GraphStores stores) {
        this.stores = stores;
    }

    @Override
    public AncestorWalk walkAncestors(EventId anchor, int limit, Optional<String> continuation) {
        checkLimit(limit, 0);
        EventId start = continuation.map(token -> EventId.fromBytes(walkToken(token))).orElse(anchor);
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes = stores.lanes();
        Optional<GraphNode> first = node(lanes, start.toBytes());
        if (limit == 0 || first.isEmpty()) {
            return new AncestorWalk(List.of(), new WalkBoundary.NoAnchor(), Optional.empty());
        }
        List<GraphEvent> events = new ArrayList<>();
        Set<EventId> seen = new HashSet<>();
        EventId id = start;
        GraphNode node = first.get();
        while (true) {
            if (!seen.add(id)) {
                return new AncestorWalk(events, new WalkBoundary.Cycle(id), Optional.empty());
            }
            events.add(event(id, node));
            if (node.isGenesis()) {
                return new AncestorWalk(events, new WalkBoundary.ReachedGenesis(), Optional.empty());
            }
            Optional<byte[]> prev = get(lanes, GraphLayout.hashKey(node.prevHash()));
            Optional<GraphNode> prevNode = prev.flatMap(p -> node(lanes, p));
            if (prevNode.isEmpty()) {
                return new AncestorWalk(events, new WalkBoundary.MissingParent(id), Optional.empty());
            }
            if (events.size() >= limit) {
                return new AncestorWalk(events, new WalkBoundary.LimitReached(),
                        Optional.of(WALK_TOKEN + hex(prev.get())));
            }
            id = EventId.fromBytes(prev.get());
            node = prevNode.get();
        }
    }

    @Override
    public CausalWalk causalAncestors(EventId event, int limit, Optional<String> continuation) {
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes = stores.lanes();
        return breadthFirst(lanes, event, limit, continuation, true);
    }

    @Override
    public CausalWalk causalDescendants(EventId event, int limit, Optional<String> continuation) {
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes = stores.lanes();
        return breadthFirst(lanes, event, limit, continuation, false);
    }

    @Override
    public CorrelationPage correlation(CorrelationId correlationId, int limit, Optional<String> continuation) {
        checkLimit(limit, 1);
        byte[] group = correlationId.toBytes();
        Bytes from = continuation.map(token -> correlationToken(group, token))
                .orElseGet(() -> GraphLayout.correlationKey(group, 0L, new byte[16]));
        Bytes to = GraphLayout.correlationTo(group);
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes = stores.lanes();
        // each lane's range is in key order; take limit + 1 of each so the merged page knows if more follow
        List<Bytes> keys = new ArrayList<>();
        for (ReadOnlyKeyValueStore<Bytes, byte[]> lane : lanes) {
            try (KeyValueIterator<Bytes, byte[]> range = lane.range(from, to)) {
                int taken = 0;
                while (range.hasNext() && taken <= limit) {
                    Bytes key = range.next().key;
                    if (continuation.isPresent() && key.equals(from)) {
                        continue;
                    }
                    keys.add(key);
                    taken++;
                }
            }
        }
        keys.sort(Comparator.naturalOrder());
        List<GraphEvent> events = new ArrayList<>();
        for (Bytes key : keys.subList(0, Math.min(limit, keys.size()))) {
            byte[] id = GraphLayout.correlationEvent(key);
            node(lanes, id).ifPresent(node -> events.add(event(EventId.fromBytes(id), node)));
        }
        Optional<String> next = Optional.empty();
        if (keys.size() > limit) {
            Bytes last = keys.get(limit - 1);
            next = Optional.of(CORRELATION_TOKEN + GraphLayout.correlationHlc(last) + ":"
                    + hex(GraphLayout.correlationEvent(last)));
        }
        return new CorrelationPage(events, next);
    }

    @Override
    public CausalOrder happenedBefore(EventId a, EventId b) {
        if (a.equals(b)) {
            throw new GraphException(GraphException.INVALID_QUERY, "happenedBefore needs two different events,"
                    + " got " + a + " twice");
        }
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes = stores.lanes();
        GraphNode nodeA = node(lanes, a.toBytes()).orElseThrow(() -> unknown(a));
        GraphNode nodeB = node(lanes, b.toBytes()).orElseThrow(() -> unknown(b));
        if (reaches(lanes, b, nodeB, a)) {
            return CausalOrder.BEFORE;
        }
        if (reaches(lanes, a, nodeA, b)) {
            return CausalOrder.AFTER;
        }
        return CausalOrder.CONCURRENT;
    }

    /** True when {@code target} is an ancestor of {@code from} over parents and stream predecessors. */
    private boolean reaches(List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes, EventId from, GraphNode fromNode,
            EventId target) {
        Deque<GraphNode> queue = new ArrayDeque<>();
        Set<Bytes> seen = new HashSet<>();
        seen.add(Bytes.wrap(from.toBytes()));
        queue.add(fromNode);
        byte[] wanted = target.toBytes();
        while (!queue.isEmpty()) {
            GraphNode node = queue.poll();
            List<byte[]> next = new ArrayList<>(node.parents());
            if (!node.isGenesis()) {
                get(lanes, GraphLayout.hashKey(node.prevHash())).ifPresent(next::add);
            }
            for (byte[] id : next) {
                if (Arrays.equals(id, wanted)) {
                    return true;
                }
                if (seen.add(Bytes.wrap(id))) {
                    if (seen.size() > MAX_SEARCH) {
                        throw new GraphException(GraphException.SEARCH_LIMIT, "deciding the order of " + from
                                + " and " + target + " needs more than " + MAX_SEARCH + " events; walk"
                                + " causalAncestors page by page instead");
                    }
                    node(lanes, id).ifPresent(queue::add);
                }
            }
        }
        return false;
    }

    private CausalWalk breadthFirst(List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes, EventId start, int limit,
            Optional<String> continuation, boolean ancestors) {
        checkLimit(limit, 1);
        long skip = continuation.map(StoreCausalGraph::bfsToken).orElse(0L);
        Optional<GraphNode> root = node(lanes, start.toBytes());
        if (root.isEmpty()) {
            return new CausalWalk(List.of(), CausalBoundary.NO_ANCHOR, List.of(), Optional.empty());
        }
        Deque<byte[]> queue = new ArrayDeque<>();
        Set<Bytes> seen = new HashSet<>();
        seen.add(Bytes.wrap(start.toBytes()));
        queue.add(start.toBytes());
        List<GraphEvent> events = new ArrayList<>();
        List<EventId> missing = new ArrayList<>();
        long position = 0;
        while (!queue.isEmpty()) {
            byte[] current = queue.poll();
            Optional<GraphNode> node = node(lanes, current);
            if (node.isEmpty()) {
                continue;
            }
            List<byte[]> next = ancestors ? node.get().parents() : children(lanes, current);
            for (byte[] id : next) {
                if (!seen.add(Bytes.wrap(id))) {
                    continue;
                }
                Optional<GraphNode> found = node(lanes, id);
                if (found.isEmpty()) {
                    missing.add(EventId.fromBytes(id));
                    continue;
                }
                queue.add(id);
                if (position++ < skip) {
                    continue;
                }
                if (events.size() == limit) {
                    return new CausalWalk(events, CausalBoundary.LIMIT_REACHED, missing,
                            Optional.of(BFS_TOKEN + (skip + limit)));
                }
                events.add(event(EventId.fromBytes(id), found.get()));
            }
        }
        return new CausalWalk(events, CausalBoundary.COMPLETE, missing, Optional.empty());
    }

    /** The children of {@code parent} over every lane, in HLC order (ties by child id). */
    private static List<byte[]> children(List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes, byte[] parent) {
        List<Bytes> keys = new ArrayList<>();
        for (ReadOnlyKeyValueStore<Bytes, byte[]> lane : lanes) {
            try (KeyValueIterator<Bytes, byte[]> range = lane.range(GraphLayout.childFrom(parent),
                    GraphLayout.childTo(parent))) {
                while (range.hasNext()) {
                    keys.add(range.next().key);
                }
            }
        }
        // the key is tag ‖ parent ‖ hlc ‖ child, so byte order is HLC order for one parent
        keys.sort(Comparator.naturalOrder());
        return keys.stream().map(GraphLayout::childOf).toList();
    }

    private static Optional<GraphNode> node(List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes, byte[] eventId) {
        return get(lanes, GraphLayout.nodeKey(eventId)).map(GraphNode::decode);
    }

    private static Optional<byte[]> get(List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes, Bytes key) {
        for (ReadOnlyKeyValueStore<Bytes, byte[]> lane : lanes) {
            byte[] value = lane.get(key);
            if (value != null) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The query result form of a stored node. */
    static GraphEvent event(EventId id, GraphNode node) {
        return new GraphEvent(id, node.lane(), node.clock(), HlcTimestamp.fromPacked(node.hlc()),
                EventKind.fromRaw(node.kind()), node.entity(), node.scope(),
                CorrelationId.fromBytes(node.correlationId()),
                node.parents().stream().map(EventId::fromBytes).toList(), GraphEvent.hex(node.eventHash()),
                GraphEvent.hex(node.prevHash()));
    }

    private static void checkLimit(int limit, int min) {
        if (limit < min || limit > MAX_LIMIT) {
            throw new GraphException(GraphException.INVALID_QUERY, "limit must be in " + min + ".." + MAX_LIMIT
                    + ", got " + limit);
        }
    }

    private static GraphException unknown(EventId id) {
        return new GraphException(GraphException.UNKNOWN_EVENT, id + " is not in the causal graph (never"
                + " sealed, or not yet visible)");
    }

    private static byte[] walkToken(String token) {
        if (token.startsWith(WALK_TOKEN)) {
            try {
                byte[] id = HexFormat.of().parseHex(token.substring(WALK_TOKEN.length()));
                if (id.length == 16) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                throw badToken(token, "an ancestry walk");
            }
        }
        throw badToken(token, "an ancestry walk");
    }

    private static long bfsToken(String token) {
        if (token.startsWith(BFS_TOKEN)) {
            try {
                long position = Long.parseLong(token.substring(BFS_TOKEN.length()));
                if (position >= 0) {
                    return position;
                }
            } catch (NumberFormatException e) {
                throw badToken(token, "a causal walk");
            }
        }
        throw badToken(token, "a causal walk");
    }

    private static Bytes correlationToken(byte[] group, String token) {
        if (token.startsWith(CORRELATION_TOKEN)) {
            String[] parts = token.substring(CORRELATION_TOKEN.length()).split(":", -1);
            try {
                if (parts.length == 2) {
                    long hlc = Long.parseLong(parts[0]);
                    byte[] id = HexFormat.of().parseHex(parts[1]);
                    if (hlc >= 0 && id.length == 16) {
                        return GraphLayout.correlationKey(group, hlc, id);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw badToken(token, "a correlation listing");
            }
        }
        throw badToken(token, "a correlation listing");
    }

    private static GraphException badToken(String token, String what) {
        return new GraphException(GraphException.INVALID_QUERY, "'" + token + "' is not a continuation of " + what
                + "; pass back the token of the previous page unchanged");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
