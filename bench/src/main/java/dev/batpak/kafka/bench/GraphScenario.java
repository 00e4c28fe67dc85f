package dev.batpak.kafka.bench;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalBoundary;
import dev.batpak.kafka.graph.CausalGraph;
import dev.batpak.kafka.graph.CausalWalk;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.store.EventStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Graph walks: ancestors of the tip of a causal chain of depth 10, 100 and 1,000, through the
 * sequencer's graph endpoint against a hand-written walk over the journal with a plain consumer.
 *
 * <p>Setup: per depth D, one chain of D + 1 events on one fresh entity (so one lane and one hash
 * chain), each caused by the previous one; appended one after the other without waiting, then the
 * tip waited VISIBLE. The tip therefore has exactly D causation ancestors and D hash-chain
 * predecessors, and both walks cover the same events.
 *
 * <p>batpak: {@code GraphClient} over {@code SequencerApp.serveGraph} on the loopback interface;
 * {@code causalAncestors(tip, D)} and {@code walkAncestors(tip, D)} (the latter counts the tip),
 * each following continuations until the walk is done. Raw: a team without the graph first reads
 * the whole journal once with a read_committed consumer to build an in-memory index (event id and
 * event hash to partition and offset; timed, reported separately), then per hop looks the parent up
 * in the index, seeks one consumer there, polls the one record and decodes it
 * ({@code Codecs.JOURNAL_EVENT}) to learn its parent: the primary cause, or the event whose hash is
 * its {@code prevHash}.
 */
final class GraphScenario {

    /** How long one raw hop may wait for its record. */
    private static final Duration HOP_TIMEOUT = Duration.ofSeconds(30);

    /** Which parent a walk follows. */
    private enum Edge {
        CAUSAL("causal ancestors"),
        HASH("hash-chain walk");

        private final String title;

        Edge(String title) {
            this.title = title;
        }
    }

    /** A built chain: its tip and its depth (ancestors of the tip). */
    private record Chain(EventId tip, int depth) {
    }

    private GraphScenario() {
    }

    /** Builds the chains in {@code store}, serves the graph from {@code sequencer} and walks both sides. */
    static List<Comparison> run(BenchSettings settings, String bootstrap, String journalTopic, EventStore store,
            SequencerApp sequencer) throws Exception {
        double load = Progress.load();
        Progress.say("graph walks, depths %s (load %.1f)", settings.graphDepths(), load);
        String nonce = Long.toHexString(System.nanoTime());
        List<Chain> chains = new ArrayList<>();
        for (int depth : settings.graphDepths()) {
            long t = System.nanoTime();
            chains.add(build(settings, store, Coordinate.of("graph-chain-" + depth + "-" + nonce, Workload.SCOPE),
                    depth));
            Progress.say("  chain of depth %,d visible in %.1f s", depth, (System.nanoTime() - t) / 1e9);
        }
        List<Comparison> results = new ArrayList<>();
        try (GraphHttpServer server = sequencer.serveGraph(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(rawConfig(bootstrap),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            GraphClient graph = GraphClient.of(server.uri());
            long indexStart = System.nanoTime();
            RawIndex index = RawIndex.read(bootstrap, journalTopic, settings.lanes(), settings.waitTimeout());
            long indexNanos = System.nanoTime() - indexStart;
            Progress.say("  raw index of %,d journal records read in %.2f s", index.records, indexNanos / 1e9);
            warmUp(settings, graph, consumer, journalTopic, index, chains);
            Map<Edge, List<Comparison>> byEdge = new java.util.EnumMap<>(Edge.class);
            for (Chain chain : chains) {
                double chainLoad = Progress.load();
                List<Side> sides = measure(settings, graph, consumer, journalTopic, index, chain);
                for (Edge edge : Edge.values()) {
                    Side raw = sides.get(2 * edge.ordinal()).with("indexBuildSeconds", indexNanos / 1e9)
                            .with("indexRecords", index.records);
                    byEdge.computeIfAbsent(edge, e -> new ArrayList<>())
                            .add(compare(settings, edge, chain, raw, sides.get(2 * edge.ordinal() + 1), index,
                            chainLoad));
                }
            }
            byEdge.values().forEach(results::addAll);
        }
        return results;
    }

    /**
     * Untimed walks before any measured one: one of every kind on every chain, then more on the
     * chains below depth 1,000 for the closed-loop warm-up's time, so that the JIT (of the bench
     * JVM and of the fresh broker), the HTTP connection and the caches are warm for the first pair
     * as for the last (without it the first pair measured ran 2-3x slower on the raw side).
     */
    private static void warmUp(BenchSettings settings, CausalGraph graph, KafkaConsumer<byte[], byte[]> consumer,
            String topic, RawIndex index, List<Chain> chains) {
        long until = System.nanoTime() + settings.warmup().toNanos();
        boolean first = true;
        while (first || System.nanoTime() < until) {
            for (Edge edge : Edge.values()) {
                for (Chain chain : chains) {
                    if (first || chain.depth() < 1_000) {
                        check(rawWalk(consumer, topic, index, edge, chain.tip(), chain.depth()), chain.depth());
                        check(edge == Edge.CAUSAL ? causal(graph, chain.tip(), chain.depth())
                                : hash(graph, chain.tip(), chain.depth()), chain.depth());
                    }
                }
            }
            first = false;
        }
    }

    private static Chain build(BenchSettings settings, EventStore store, Coordinate coordinate, int depth) {
        AppendReceipt previous = store.append(coordinate, Workload.KIND, Payload.raw(Workload.payload(0)));
        for (int i = 1; i <= depth; i++) {
            previous = store.append(coordinate, Workload.KIND, Payload.raw(Workload.payload(i)),
                    AppendOptions.none().causedBy(CausationId.of(previous.eventId())));
        }
        Outcome outcome = store.waitFor(previous, Stage.VISIBLE, settings.waitTimeout());
        if (!(outcome instanceof Outcome.Committed)) {
            throw new IllegalStateException("the tip of the graph chain of depth " + depth + " was not committed"
                    + " within " + settings.waitTimeout() + ": " + outcome);
        }
        return new Chain(previous.eventId(), depth);
    }

    private static Comparison compare(BenchSettings settings, Edge edge, Chain chain, Side raw, Side batpak,
            RawIndex index, double load) {
        int walks = settings.graphWalks(chain.depth());
        String title = "graph: " + edge.title + ", depth " + String.format("%,d", chain.depth());
        Comparison c = new Comparison("graph-" + edge.name().toLowerCase(java.util.Locale.ROOT) + "-" + chain.depth(),
                Comparison.Kind.GRAPH, title, "one chain of " + (chain.depth() + 1) + " events on one entity, each"
                        + " caused by the previous; " + walks + " walks from the tip per side and kind, the four"
                        + " (raw and batpak, causal and hash chain) interleaved walk by walk, after untimed walks of"
                        + " every kind on every chain; each"
                        + " must return exactly " + chain.depth() + " ancestors; batpak: GraphClient."
                        + (edge == Edge.CAUSAL ? "causalAncestors" : "walkAncestors") + " over HTTP on loopback,"
                        + " limit " + chain.depth() + ", continuations followed until done; raw: one"
                        + " read_committed consumer assigned only the partition it reads, per hop an in-memory index"
                        + " lookup ("
                        + (edge == Edge.CAUSAL ? "event id" : "prevHash -> event hash") + " -> partition, offset),"
                        + " seek, poll of that record (max.poll.records=1, fetch sizes 1 byte so the broker sends"
                        + " only the record batch holding it, fetch.max.wait.ms=0 so that no prefetch parks at a"
                        + " partition's end)"
                        + " and decode; the index is built by"
                        + " reading the whole journal once (" + index.records + " records, timed separately)",
                raw, batpak, null, load);
        Progress.say("  %s: walks/s raw %.1f, batpak %.1f; p50 raw %.2f ms, batpak %.2f ms; hops/s raw %,.0f,"
                        + " batpak %,.0f", title, walksPerSecond(raw), walksPerSecond(batpak),
                raw.latencies().quantileMillis(0.5), batpak.latencies().quantileMillis(0.5), raw.recordsPerSecond(),
                batpak.recordsPerSecond());
        return c;
    }

    /** Walks/s of a graph side: {@code walks} over the summed time of its walks. */
    static double walksPerSecond(Side side) {
        return side.extra().get("walks") instanceof Number n && side.elapsedNanos() > 0
                ? n.doubleValue() * 1e9 / side.elapsedNanos() : Double.NaN;
    }

    /**
     * The timed walks of one chain: raw causal, batpak causal, raw hash chain, batpak hash chain
     * (in that order in the result), interleaved walk by walk with the first of each round rotating,
     * so that a drift in the machine's load or a background task skews no side more than another.
     * Records are hops, latencies are per walk, the window is the sum of that side's walks.
     */
    private static List<Side> measure(BenchSettings settings, CausalGraph graph,
            KafkaConsumer<byte[], byte[]> consumer, String topic, RawIndex index, Chain chain) {
        int walks = settings.graphWalks(chain.depth());
        List<Supplier<Integer>> walkers = new ArrayList<>();
        for (Edge edge : Edge.values()) {
            walkers.add(() -> rawWalk(consumer, topic, index, edge, chain.tip(), chain.depth()));
            walkers.add(() -> edge == Edge.CAUSAL ? causal(graph, chain.tip(), chain.depth())
                    : hash(graph, chain.tip(), chain.depth()));
        }
        long[][] each = new long[walkers.size()][walks];
        long[] hops = new long[walkers.size()];
        for (int i = 0; i < walks; i++) {
            for (int k = 0; k < walkers.size(); k++) {
                int w = (i + k) % walkers.size();
                long t = System.nanoTime();
                int found = walkers.get(w).get();
                each[w][i] = System.nanoTime() - t;
                check(found, chain.depth());
                hops[w] += found;
            }
        }
        List<Side> sides = new ArrayList<>();
        for (int w = 0; w < walkers.size(); w++) {
            sides.add(new Side(hops[w], java.util.Arrays.stream(each[w]).sum(), Latencies.of(each[w]), 0,
                    Map.of("walks", walks, "depth", chain.depth())));
        }
        return sides;
    }

    private static void check(int found, int depth) {
        if (found != depth) {
            throw new IllegalStateException("a graph walk returned " + found + " ancestors, expected " + depth);
        }
    }

    /** Causation ancestors of {@code tip}, every page; returns how many. */
    private static int causal(CausalGraph graph, EventId tip, int depth) {
        int found = 0;
        Optional<String> continuation = Optional.empty();
        while (true) {
            CausalWalk page = graph.causalAncestors(tip, Math.min(depth, CausalGraph.MAX_LIMIT), continuation);
            found += page.events().size();
            if (page.boundary() != CausalBoundary.LIMIT_REACHED) {
                return found;
            }
            continuation = page.continuation();
        }
    }

    /** Hash-chain predecessors of {@code tip} (the tip itself not counted), every page; returns how many. */
    private static int hash(CausalGraph graph, EventId tip, int depth) {
        int found = 0;
        Optional<String> continuation = Optional.empty();
        while (true) {
            AncestorWalk page = graph.walkAncestors(tip, Math.min(depth, CausalGraph.MAX_LIMIT), continuation);
            found += page.events().size();
            if (!(page.boundary() instanceof WalkBoundary.LimitReached)) {
                return found - 1;
            }
            continuation = page.continuation();
        }
    }

    /** The raw walk: index lookup, seek, poll, decode, per hop; returns the ancestors found. */
    private static int rawWalk(KafkaConsumer<byte[], byte[]> consumer, String topic, RawIndex index, Edge edge,
            EventId tip, int depth) {
        long[] at = index.byId.get(ByteBuffer.wrap(tip.toBytes()));
        if (at == null) {
            throw new IllegalStateException("the raw index has no " + tip);
        }
        JournalEvent event = fetch(consumer, topic, at);
        int found = 0;
        while (true) {
            long[] parent;
            if (edge == Edge.CAUSAL) {
                parent = event.getCauses().isEmpty() ? null
                        : index.byId.get(ByteBuffer.wrap(event.getCauses().get(0).bytes()));
            } else {
                parent = index.byHash.get(ByteBuffer.wrap(event.getPrevHash().bytes()));
            }
            if (parent == null) {
                return found;
            }
            event = fetch(consumer, topic, parent);
            found++;
        }
    }

    /** Seeks to {partition, offset}, polls until that record arrives and decodes it. */
    private static JournalEvent fetch(KafkaConsumer<byte[], byte[]> consumer, String topic, long[] at) {
        TopicPartition partition = new TopicPartition(topic, (int) at[0]);
        if (!consumer.assignment().equals(Set.of(partition))) {
            // only the partition read: other assigned partitions at their end would park fetches on
            // the broker (fetch.max.wait.ms) that the next hop's fetch has to wait behind
            consumer.assign(List.of(partition));
        }
        consumer.seek(partition, at[1]);
        long deadline = System.nanoTime() + HOP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.partition() == at[0] && record.offset() == at[1]) {
                    return Codecs.JOURNAL_EVENT.decode(record.value());
                }
            }
        }
        throw new IllegalStateException("no journal record at " + partition + "@" + at[1] + " within " + HOP_TIMEOUT);
    }

    private static List<TopicPartition> partitions(String topic, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        return all;
    }

    private static Map<String, Object> rawConfig(String bootstrap) {
        Map<String, Object> config = Workload.consumerConfig(bootstrap, "bench-raw-graph");
        config.put("max.poll.records", "1");
        // a hop needs one record: ask for the least the broker may send (it always sends the whole
        // first record batch at the offset), not a megabyte of the partition's tail per hop
        config.put("max.partition.fetch.bytes", "1");
        config.put("fetch.max.bytes", "1");
        // the consumer prefetches the next offset before poll returns; at a partition's end the broker
        // would park that fetch for fetch.max.wait.ms (500 ms) and the next hop would wait behind it
        config.put("fetch.max.wait.ms", "0");
        return config;
    }

    /** What the raw side knows after one pass over the journal: where each event id and event hash is. */
    private static final class RawIndex {

        private final Map<ByteBuffer, long[]> byId = new HashMap<>();
        private final Map<ByteBuffer, long[]> byHash = new HashMap<>();
        private long records;

        /** Reads {@code topic} from the beginning to its current end offsets, decoding every record. */
        static RawIndex read(String bootstrap, String topic, int partitions, Duration timeout) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    Workload.consumerConfig(bootstrap, "bench-raw-graph-index"), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                return read(consumer, topic, partitions(topic, partitions), timeout);
            }
        }

        private static RawIndex read(KafkaConsumer<byte[], byte[]> consumer, String topic, List<TopicPartition> all,
                Duration timeout) {
            consumer.assign(all);
            Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(all));
            consumer.seekToBeginning(all);
            RawIndex index = new RawIndex();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the raw graph index of " + topic
                            + " did not reach the end offsets " + end
                            + " within " + timeout + " (" + index.records + " records read)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JournalEvent event = Codecs.JOURNAL_EVENT.decode(record.value());
                    long[] at = {record.partition(), record.offset()};
                    index.byId.put(ByteBuffer.wrap(event.getEventId().bytes()), at);
                    index.byHash.put(ByteBuffer.wrap(event.getEventHash().bytes()), at);
                    index.records++;
                }
            }
            return index;
        }

        private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }
}
