package dev.batpak.kafka.reactor;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.streams.internal.StreamsAppRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered reactors as a running application: a {@link KafkaStreams} instance over the
 * {@link ReactorTopology} under {@code exactly_once_v2}, application id
 * {@code <store>.reactors.<name>}.
 *
 * <p>A reactor that throws aborts its batch's transaction: none of the batch's reactions, its
 * outbox records, its input position or its emitted point commit. The stream thread is
 * replaced and the batch is retried from the last committed position; the reactions' idempotency keys make a proposal
 * that got through anyway a no-op. A reactor that always throws on an event retries forever
 * and holds its lane's emitted watermark — visible in {@link #retries()} and the logs — rather
 * than skipping the event.
 */
public final class ReactorApp implements AutoCloseable {

    /** How long {@link #close()} waits. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ReactorApp.class);

    private final ReactorConfig config;
    private final KafkaStreams streams;
    private final RecordCodecs codecs;
    private final SortedSet<String> outboxTopics;
    private final AtomicLong retries = new AtomicLong();
    private final StreamsAppRuntime runtime;

    /**
     * An application running {@code reactors}.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if the reactors are invalid
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public ReactorApp(ReactorConfig config, List<? extends Reactor> reactors) {
        this.config = Objects.requireNonNull(config, "config");
        this.codecs = config.codecs();
        this.streams = new KafkaStreams(ReactorTopology.build(config.store(), reactors, config.publishInterval(),
                codecs), streamsProperties(config));
        // After build: it has validated the reactors and their outbox topics.
        this.outboxTopics = ReactorTopology.outboxTopics(config.store(), reactors);
        streams.setUncaughtExceptionHandler(thrown -> {
            retries.incrementAndGet();
            LOG.error("reactors '{}' of store '{}': a batch failed and was rolled back; retrying it", config.name(),
                    config.store(), thrown);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.runtime = StreamsAppRuntime.watching(streams);
    }

    /**
     * The Kafka Streams properties: exactly-once v2 and read_committed everywhere, then the
     * overrides.
     *
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public static Properties streamsProperties(ReactorConfig config) {
        return StreamsAppRuntime.exactlyOnceProperties(config.applicationId(), config.bootstrapServers(),
                config.commitInterval(), config.stateDir(), config.replicationFactor(), config.streamsOverrides(),
                "reactors need exactly_once_v2, or a crash could emit a reaction twice or lose it");
    }

    /**
     * Checks the store's topics, starts Kafka Streams and waits until it is RUNNING.
     *
     * @throws dev.batpak.kafka.store.StoreTopicsException if the topics are missing or wrong
     * @throws StoreConfigException if a declared outbox topic does not exist
     * @throws dev.batpak.kafka.registry.SchemaRegistryException if a registry is configured and
     *     refuses batpak's schemas
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if it does not start in time
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        verifyTopics(timeout);
        if (codecs.usesRegistry()) {
            // A registry that refuses our schemas should stop the start, not the first reaction.
            codecs.registerSchemas();
        }
        runtime.startAndAwaitRunning("reactors '" + config.name() + "'", deadline, timeout,
                config.bootstrapServers(), () -> null);
    }

    /** How many failed batches were rolled back and retried. */
    public long retries() {
        return retries.get();
    }

    /** The Kafka Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The configuration. */
    public ReactorConfig config() {
        return config;
    }

    /** Stops Kafka Streams within {@code timeout} and leaves the group; true if it stopped in time. */
    public boolean close(Duration timeout) {
        return runtime.closeLeavingGroup(timeout);
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    private void verifyTopics(Duration timeout) {
        try (Admin admin = StreamsAppRuntime.admin(config.bootstrapServers())) {
            StreamsAppRuntime.verifyStoreTopics(admin, config.store(), timeout);
            verifyOutboxTopics(admin, timeout);
        }
    }

    /** Outbox topics are the user's: batpak does not create them, and a missing one would block every batch. */
    private void verifyOutboxTopics(Admin admin, Duration timeout) {
        if (outboxTopics.isEmpty()) {
            return;
        }
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "could not list the topics to check the"
                    + " outbox topics " + outboxTopics + " within " + timeout.toMillis() + " ms; check that "
                    + config.bootstrapServers() + " is reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "interrupted while checking outbox topics",
                    e);
        }
        SortedSet<String> missing = new TreeSet<>(outboxTopics);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new StoreConfigException("the outbox topic(s) " + missing + " of reactors '" + config.name()
                    + "' do not exist; create them first (batpak creates only the store's own topics)");
        }
    }

    /** The outbox topics the reactors declare. */
    public SortedSet<String> outboxTopics() {
        return outboxTopics;
    }
}
