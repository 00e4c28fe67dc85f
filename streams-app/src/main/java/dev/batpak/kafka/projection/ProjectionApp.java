package dev.batpak.kafka.projection;

import dev.batpak.kafka.projection.internal.LaneProgress;
import dev.batpak.kafka.projection.internal.StoredState;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.registry.SchemaRegistryException;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.streams.internal.StreamsAppRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered projections as a running application: a {@link KafkaStreams} instance over the
 * {@link ProjectionTopology} under {@code exactly_once_v2}, reading {@code <store>.journal}
 * read_committed, and a small query API over its RocksDB stores.
 *
 * <p>The application id is {@code <store>.projections.<name>.<fingerprint>}: the fingerprint
 * covers the projections' names and schema versions, so a schema version change starts a new
 * application (new consumer group, new stores) that rebuilds from the journal's beginning.
 * {@link #rebuild} resets the current one so its next start rebuilds too.
 *
 * <p>Queries read this instance's stores only. With one instance that is every lane; with
 * several, an entity's lane may live on another instance and the query throws
 * {@code PROJECTION_UNAVAILABLE} (the HTTP endpoint routes queries to the owner).
 */
public final class ProjectionApp implements ProjectionReader, AutoCloseable {

    /** How long {@link #start()} waits for RUNNING. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionApp.class);

    private final ProjectionConfig config;
    private final List<Projection<?>> projections;
    private final String applicationId;
    private final KafkaStreams streams;
    private final RecordCodecs codecs;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final StreamsAppRuntime runtime;
    private volatile int lanes;

    /**
     * An application materializing {@code projections}.
     *
     * @throws ProjectionException if the projections are invalid or repeat a name
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public ProjectionApp(ProjectionConfig config, List<? extends Projection<?>> projections) {
        this.config = Objects.requireNonNull(config, "config");
        this.projections = List.copyOf(projections);
        this.applicationId = ProjectionTopology.applicationId(config.store(), config.name(), this.projections);
        this.codecs = config.codecs();
        this.streams = new KafkaStreams(ProjectionTopology.build(config.store(), this.projections,
                config.publishInterval(), codecs), streamsProperties(config, applicationId));
        streams.setUncaughtExceptionHandler(thrown -> {
            if (causedByRegistry(thrown)) {
                // An unreachable registry is transient: roll the batch back and retry, skip nothing.
                LOG.warn("projections '{}' of store '{}': the schema registry failed; retrying the batch",
                        config.name(), config.store(), thrown);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            failure.compareAndSet(null, thrown);
            LOG.error("projections '{}' of store '{}' stopped: a stream thread failed", config.name(), config.store(),
                    thrown);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        this.runtime = StreamsAppRuntime.watching(streams);
    }

    /**
     * The Kafka Streams properties: exactly-once v2, read_committed everywhere (the global
     * frontier mirror too), the configured intervals and state directory, then the overrides.
     *
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public static Properties streamsProperties(ProjectionConfig config, String applicationId) {
        return StreamsAppRuntime.exactlyOnceProperties(applicationId, config.bootstrapServers(),
                config.commitInterval(), config.stateDir(), config.replicationFactor(), config.streamsOverrides(),
                "projections need exactly_once_v2, or a crash could apply an event twice");
    }

    /** The application id (with the projections' fingerprint). */
    public String applicationId() {
        return applicationId;
    }

    /** The record codecs (registry wire format or single-object encoding, by the configuration). */
    public RecordCodecs codecs() {
        return codecs;
    }

    /** The configuration. */
    public ProjectionConfig config() {
        return config;
    }

    /** {@link #start(Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
    public void start() {
        start(DEFAULT_START_TIMEOUT);
    }

    /**
     * Checks the store's topics, starts Kafka Streams and waits until it is RUNNING.
     *
     * @throws dev.batpak.kafka.store.StoreTopicsException if the topics are missing or wrong
     * @throws SchemaRegistryException if a registry is configured and refuses batpak's schemas
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if Kafka Streams fails or is
     *     not RUNNING within {@code timeout}
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        this.lanes = verifyTopics(timeout);
        if (codecs.usesRegistry()) {
            // A registry that refuses our schemas should stop the start, not the first applied point.
            codecs.registerSchemas();
        }
        runtime.startAndAwaitRunning("projections '" + config.name() + "'", deadline, timeout,
                config.bootstrapServers(), failure::get);
        LOG.info("projections '{}' of store '{}' are running (application id {})", config.name(), config.store(),
                applicationId);
    }

    /** The lane count of the store (known once started). */
    public int lanes() {
        return lanes;
    }

    /** The lane of {@code entity} by Kafka's key hash, as the adapter computes it. */
    public int laneOf(String entity) {
        if (lanes < 1) {
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "start the projection app before querying");
        }
        return Utils.toPositive(Utils.murmur2(entity.getBytes(StandardCharsets.UTF_8))) % lanes;
    }

    /**
     * The state of {@code entity} (on its default lane) in {@code projection}, with the position
     * it reflects; empty when no relevant event of the entity has been applied.
     *
     * @throws ProjectionException ({@code UNKNOWN_PROJECTION}) if it is not registered here, or
     *     ({@code PROJECTION_UNAVAILABLE}) if its store is not queryable now (retry)
     */
    @Override
    public <S> Optional<Projected<S>> project(Projection<S> projection, String entity) {
        return project(projection, entity, laneOf(entity));
    }

    /** {@link #project(Projection, String)} for an entity pinned to {@code lane}. */
    public <S> Optional<Projected<S>> project(Projection<S> projection, String entity, int lane) {
        byte[] bytes = read(storeName(projection), lane, entity.getBytes(StandardCharsets.UTF_8));
        if (bytes == null) {
            return Optional.empty();
        }
        StoredState stored = StoredState.decode(bytes);
        return Optional.of(new Projected<>(entity, projection.codec().decode(stored.state()), stored.position(),
                stored.version()));
    }

    /**
     * The state of {@code entity} if its version differs from {@code lastSeenVersion} (use 0
     * for "never seen"); empty when nothing changed, so a poller pays for a decode only when
     * there is news.
     *
     * @throws ProjectionException as {@link #project(Projection, String)}
     */
    public <S> Optional<Projected<S>> projectIfChanged(Projection<S> projection, String entity, long lastSeenVersion) {
        int lane = laneOf(entity);
        byte[] bytes = read(storeName(projection), lane, entity.getBytes(StandardCharsets.UTF_8));
        if (bytes == null) {
            return Optional.empty();
        }
        StoredState stored = StoredState.decode(bytes);
        if (stored.version() == lastSeenVersion) {
            return Optional.empty();
        }
        return Optional.of(new Projected<>(entity, projection.codec().decode(stored.state()), stored.position(),
                stored.version()));
    }

    /**
     * The applied watermark this instance has published for {@code lane} (exclusive proposal
     * offset); empty before the first.
     *
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if the lane is not queryable here
     */
    public OptionalLong applied(int lane) {
        byte[] bytes = read(ProjectionTopology.LANES_STORE, lane, LaneProgress.key(lane));
        LaneProgress progress = LaneProgress.decode(bytes);
        return progress.published() > 0 ? OptionalLong.of(progress.published()) : OptionalLong.empty();
    }

    /** The Kafka Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The error that stopped the application, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The underlying Kafka Streams instance (metrics, further interactive queries). */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /**
     * Stops Kafka Streams, waiting up to {@code timeout}, and leaves the consumer group at once
     * (so the lanes move to another instance now, and {@link #rebuild} can follow).
     *
     * @return true if it stopped in time
     */
    public boolean close(Duration timeout) {
        return runtime.closeLeavingGroup(timeout);
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Resets the application of {@code projections} under {@code config} (it must be stopped)
     * so that its next start rebuilds every projection from the journal.
     *
     * @return the application ids reset
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if it still runs or Kafka
     *     does not answer in time
     */
    public static Set<String> rebuild(ProjectionConfig config, List<? extends Projection<?>> projections,
            Duration timeout) {
        String id = ProjectionTopology.applicationId(config.store(), config.name(), projections);
        try (Admin admin = StreamsAppRuntime.admin(config.bootstrapServers())) {
            // The fingerprint ends the id, so "<id>" and "<id>-<store>-changelog" share this prefix.
            return ProjectionReset.reset(admin, id, config.stateDir(), timeout);
        }
    }

    private String storeName(Projection<?> projection) {
        for (Projection<?> registered : projections) {
            if (registered.name().equals(projection.name())) {
                if (registered.schemaVersion() != projection.schemaVersion()) {
                    throw new ProjectionException(ProjectionException.UNKNOWN, "projection '" + projection.name()
                            + "' runs here at schema version " + registered.schemaVersion() + ", not "
                            + projection.schemaVersion());
                }
                return ProjectionNames.storeName(projection.name(), projection.schemaVersion());
            }
        }
        throw new ProjectionException(ProjectionException.UNKNOWN, "projection '" + projection.name()
                + "' is not registered in projection set '" + config.name() + "'");
    }

    private byte[] read(String storeName, int lane, byte[] key) {
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(storeName, QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                    .withPartition(lane));
            return store.get(Bytes.wrap(key));
        } catch (InvalidStateStoreException e) {
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "store " + storeName + " of lane " + lane
                    + " is not queryable on this instance now (state " + streams.state() + "); retry, or query the"
                    + " instance that owns the lane", e);
        }
    }

    /** True when {@code thrown} or one of its causes is a schema registry failure. */
    private static boolean causedByRegistry(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }

    private int verifyTopics(Duration timeout) {
        try (Admin admin = StreamsAppRuntime.admin(config.bootstrapServers())) {
            return StreamsAppRuntime.verifyStoreTopics(admin, config.store(), timeout);
        }
    }
}
