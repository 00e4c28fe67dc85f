package dev.batpak.kafka.reactor;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.projection.internal.FrontierKeys;
import dev.batpak.kafka.projection.internal.FrontierMirror;
import dev.batpak.kafka.reactor.internal.ReactorProcessor;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the reactor topology: {@code <store>.journal} (one task per lane) into one processor
 * that runs every registered reactor, out to {@code <store>.proposals} (the reactions, on their
 * entities' lanes) and {@code <store>.frontier} (the lane's emitted watermark); a global store
 * mirrors the frontier topic for the visible watermark. Run it under {@code exactly_once_v2}
 * ({@link ReactorApp} does): reactions, watermark and input position commit together.
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
        StoreTopics.validateStoreName(store);
        Objects.requireNonNull(publishInterval, "publishInterval");
        List<Reactor> checked = validate(reactors);
        StoreTopics topics = StoreTopics.of(store);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.journal());
        topology.addProcessor(PROCESSOR, () -> new ReactorProcessor(store, checked, LANES_STORE, FRONTIER_MIRROR_STORE,
                PROPOSAL_SINK, FRONTIER_SINK, PUBLISHER, publishInterval), SOURCE);
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
        return topology;
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
