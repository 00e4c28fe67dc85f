package dev.batpak.kafka.reactor;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.projection.internal.FrontierKeys;
import dev.batpak.kafka.projection.internal.FrontierMirror;
import dev.batpak.kafka.reactor.internal.ReactorProcessor;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the reactor topology: {@code <store>.journal} (one task per lane) into one processor
 * that runs every registered reactor, out to {@code <store>.proposals} (the reactions, on their
 * entities' lanes), one sink per declared outbox topic, and {@code <store>.frontier} (the lane's
 * emitted watermark); a global store mirrors the frontier topic for the visible watermark. Run it
 * under {@code exactly_once_v2} ({@link ReactorApp} does): reactions, outbox records, watermark
 * and input position commit together.
 */
public final class ReactorTopology {

    /** The journal source node. */
    public static final String SOURCE = "batpak-journal-source";
    /** The reactor processor node. */
    public static final String PROCESSOR = "batpak-reactors";
    /** The proposals sink node. */
    public static final String PROPOSAL_SINK = "batpak-reactions-sink";
    /** The frontier sink node. */
    public static final String FRONTIER_SINK = "batpak-reactors-frontier-sink";
    /** The store of each lane's progress. */
    public static final String LANES_STORE = "batpak-reactor-lanes";
    /** The global mirror of the frontier topic. */
    public static final String FRONTIER_MIRROR_STORE = "batpak-reactor-frontier-mirror";
    /** The publisher name written into emitted points. */
    public static final String PUBLISHER = "batpak-reactors";

    private static final String OUTBOX_SINK_PREFIX = "batpak-outbox-";
    private static final String MIRROR_SOURCE = "batpak-frontier-mirror-source";
    private static final String MIRROR_PROCESSOR = "batpak-frontier-mirror";

    private ReactorTopology() {
    }

    /**
     * The topology for {@code reactors} over {@code store}.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if there is no reactor, or a name
     *     is invalid or repeats
     */
    public static Topology build(String store, List<? extends Reactor> reactors, Duration publishInterval) {
        return build(store, reactors, publishInterval, RecordCodecs.singleObject(store));
    }

    /**
     * The topology for {@code reactors} over {@code store}, reading and writing records with
     * {@code codecs} (from {@link ReactorConfig#codecs()}: the registry wire format when a
     * registry is configured).
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) as {@link #build(String, List, Duration)}
     */
    public static Topology build(String store, List<? extends Reactor> reactors, Duration publishInterval,
            RecordCodecs codecs) {
        StoreTopics.validateStoreName(store);
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(publishInterval, "publishInterval");
        List<Reactor> checked = validate(reactors);
        StoreTopics topics = StoreTopics.of(store);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.journal());
        topology.addProcessor(PROCESSOR, () -> new ReactorProcessor(store, checked, LANES_STORE, FRONTIER_MIRROR_STORE,
                PROPOSAL_SINK, FRONTIER_SINK, PUBLISHER, publishInterval, codecs, ReactorTopology::outboxSink), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LANES_STORE), Serdes.Bytes(),
                Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(Map.of()), PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRONTIER_MIRROR_STORE),
                        Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled(),
                MIRROR_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.frontier(),
                MIRROR_PROCESSOR, () -> new FrontierMirror(FRONTIER_MIRROR_STORE));
        topology.addSink(PROPOSAL_SINK, topics.proposals(), new ByteArraySerializer(), new ByteArraySerializer(),
                PROCESSOR);
        topology.addSink(FRONTIER_SINK, topics.frontier(), new ByteArraySerializer(), new ByteArraySerializer(),
                FrontierKeys.partitionZero(), PROCESSOR);
        for (String outbox : outboxTopics(store, checked)) {
            topology.addSink(outboxSink(outbox), outbox, new ByteArraySerializer(), new ByteArraySerializer(),
                    PROCESSOR);
        }
        return topology;
    }

    /** The sink node of outbox topic {@code topic}. */
    public static String outboxSink(String topic) {
        return OUTBOX_SINK_PREFIX + topic;
    }

    /**
     * The outbox topics {@code reactors} declare, sorted.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if one is not a valid topic name,
     *     is in the store's namespace ({@code <store>.*}: its proposals, journal, frontier and
     *     application topics) or is internal to Kafka
     */
    public static SortedSet<String> outboxTopics(String store, List<? extends Reactor> reactors) {
        String namespace = store + ".";
        SortedSet<String> all = new TreeSet<>();
        for (Reactor reactor : reactors) {
            Set<String> declared = Objects.requireNonNull(reactor.outboxTopics(), "outboxTopics of " + reactor.name());
            for (String topic : declared) {
                try {
                    Topic.validate(topic);
                } catch (InvalidTopicException e) {
                    throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "reactor '"
                            + reactor.name() + "' declares the outbox topic '" + topic + "': " + e.getMessage());
                }
                boolean stores = topic.startsWith(namespace);
                if (stores || Topic.isInternal(topic)) {
                    throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "reactor '"
                            + reactor.name() + "' declares '" + topic + "' as an outbox topic, but it belongs to "
                            + (stores ? "store '" + store + "' (its namespace is " + namespace + "*); reactions go"
                            + " to the store as Reaction values, outbox topics are your own" : "Kafka"));
                }
                all.add(topic);
            }
        }
        return all;
    }

    private static List<Reactor> validate(List<? extends Reactor> reactors) {
        if (reactors == null || reactors.isEmpty()) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "register at least one reactor");
        }
        Set<String> names = new HashSet<>();
        for (Reactor reactor : reactors) {
            ProjectionNames.validate(reactor.name());
            Objects.requireNonNull(reactor.relevantKinds(), "relevantKinds of " + reactor.name());
            if (!names.add(reactor.name())) {
                throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "two reactors are named '"
                        + reactor.name() + "'; names must be unique (they are part of reaction ids)");
            }
        }
        return List.copyOf(reactors);
    }
}
