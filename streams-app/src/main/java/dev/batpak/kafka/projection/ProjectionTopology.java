package dev.batpak.kafka.projection;

import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.projection.internal.FrontierKeys;
import dev.batpak.kafka.projection.internal.FrontierMirror;
import dev.batpak.kafka.projection.internal.ProjectionProcessor;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
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
 * Builds the projection topology: {@code <store>.journal} (raw bytes, one task per lane) into
 * one processor that folds every record into each registered projection's RocksDB store (keyed
 * by entity, changelogged) and publishes the lane's applied watermark to
 * {@code <store>.frontier}; a global store mirrors the frontier topic, so the processor knows
 * the visible watermark it must never pass.
 *
 * <p>Run it under {@code exactly_once_v2} ({@link ProjectionApp} does): the store writes, the
 * applied point and the journal offsets commit in one transaction, so a crash never applies an
 * event twice and applied never runs ahead of the stores.
 */
public final class ProjectionTopology {

    /** The journal source node. */
    public static final String SOURCE = "batpak-journal-source";
    /** The projection processor node. */
    public static final String PROCESSOR = "batpak-projections";
    /** The frontier sink node. */
    public static final String FRONTIER_SINK = "batpak-projections-frontier-sink";
    /** The store of each lane's progress (highest proposal offset folded, applied published). */
    public static final String LANES_STORE = "batpak-projection-lanes";
    /** The global mirror of the frontier topic. */
    public static final String FRONTIER_MIRROR_STORE = "batpak-projection-frontier-mirror";
    /** The publisher name written into applied points. */
    public static final String PUBLISHER = "batpak-projections";

    private static final String MIRROR_SOURCE = "batpak-frontier-mirror-source";
    private static final String MIRROR_PROCESSOR = "batpak-frontier-mirror";

    private ProjectionTopology() {
    }

    /**
     * The topology for {@code projections} over {@code store}.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if there is no projection, a name
     *     is invalid or repeats, or a schema version is below 1
     */
    public static Topology build(String store, List<? extends Projection<?>> projections, Duration publishInterval) {
        return build(store, projections, publishInterval, RecordCodecs.singleObject(store));
    }

    /**
     * The topology for {@code projections} over {@code store}, reading and writing records with
     * {@code codecs} (from {@link ProjectionConfig#codecs()}: the registry wire format when a
     * registry is configured).
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) as {@link #build(String, List, Duration)}
     */
    public static Topology build(String store, List<? extends Projection<?>> projections, Duration publishInterval,
            RecordCodecs codecs) {
        StoreTopics.validateStoreName(store);
        Objects.requireNonNull(codecs, "codecs");
        List<Projection<?>> checked = validate(projections);
        Objects.requireNonNull(publishInterval, "publishInterval");
        StoreTopics topics = StoreTopics.of(store);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.journal());
        topology.addProcessor(PROCESSOR, () -> new ProjectionProcessor(store, checked, LANES_STORE,
                FRONTIER_MIRROR_STORE, FRONTIER_SINK, PUBLISHER, publishInterval, codecs), SOURCE);
        List<String> storeNames = new ArrayList<>();
        for (Projection<?> projection : checked) {
            storeNames.add(ProjectionNames.storeName(projection.name(), projection.schemaVersion()));
        }
        storeNames.add(LANES_STORE);
        for (String name : storeNames) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                    Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(Map.of()), PROCESSOR);
        }
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRONTIER_MIRROR_STORE),
                        Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled(),
                MIRROR_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.frontier(),
                MIRROR_PROCESSOR, () -> new FrontierMirror(FRONTIER_MIRROR_STORE));
        topology.addSink(FRONTIER_SINK, topics.frontier(), new ByteArraySerializer(), new ByteArraySerializer(),
                FrontierKeys.partitionZero(), PROCESSOR);
        return topology;
    }

    /**
     * The fingerprint of a set of projections: the first 8 bytes (hex) of BLAKE3 over their
     * sorted {@code name:schemaVersion} pairs. Part of the application id, so adding a projection
     * or changing a schema version starts a new application that rebuilds from the journal.
     */
    public static String fingerprint(List<? extends Projection<?>> projections) {
        List<Projection<?>> sorted = new ArrayList<>(validate(projections));
        sorted.sort(Comparator.comparing(Projection::name));
        StringBuilder text = new StringBuilder();
        for (Projection<?> projection : sorted) {
            text.append(projection.name()).append(':').append(projection.schemaVersion()).append(';');
        }
        byte[] hash = Blake3.hash(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 8);
    }

    /** The application id of {@code projections} as set {@code name} over {@code store}. */
    public static String applicationId(String store, String name, List<? extends Projection<?>> projections) {
        return ProjectionConfig.applicationIdPrefix(store, name) + fingerprint(projections);
    }

    private static List<Projection<?>> validate(List<? extends Projection<?>> projections) {
        if (projections == null || projections.isEmpty()) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION,
                    "register at least one projection");
        }
        Set<String> names = new HashSet<>();
        for (Projection<?> projection : projections) {
            ProjectionNames.validate(projection.name());
            if (projection.schemaVersion() < 1) {
                throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "projection '"
                        + projection.name() + "' has schema version " + projection.schemaVersion()
                        + "; versions start at 1");
            }
            if (!names.add(projection.name())) {
                throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "two projections are named '"
                        + projection.name() + "'; names must be unique in a projection set");
            }
            Objects.requireNonNull(projection.codec(), "codec of " + projection.name());
            Objects.requireNonNull(projection.relevantKinds(), "relevantKinds of " + projection.name());
        }
        return List.copyOf(projections);
    }
}
