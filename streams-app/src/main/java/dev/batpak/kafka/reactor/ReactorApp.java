package dev.batpak.kafka.reactor;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registered reactors as a running application: a {@link KafkaStreams} instance over the
 * {@link ReactorTopology} under {@code exactly_once_v2}, application id
 * {@code <store>.reactors.<name>}.
 *
 * <p>A reactor that throws aborts its batch's transaction: none of the batch's reactions, its
 * input position or its emitted point commit. The stream thread is replaced and the batch is
 * retried from the last committed position; the reactions' idempotency keys make a proposal
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
    private final AtomicLong retries = new AtomicLong();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * An application running {@code reactors}.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if the reactors are invalid
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public ReactorApp(ReactorConfig config, List<? extends Reactor> reactors) {
        this.config = Objects.requireNonNull(config, "config");
        this.streams = new KafkaStreams(ReactorTopology.build(config.store(), reactors, config.publishInterval()),
                streamsProperties(config));
        streams.setUncaughtExceptionHandler(thrown -> {
            retries.incrementAndGet();
            LOG.error("reactors '{}' of store '{}': a batch failed and was rolled back; retrying it", config.name(),
                    config.store(), thrown);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
    }

    /**
     * The Kafka Streams properties: exactly-once v2 and read_committed everywhere, then the
     * overrides.
     *
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public static Properties streamsProperties(ReactorConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(config.replicationFactor()));
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        String readCommitted = IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), readCommitted);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), readCommitted);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        for (Map.Entry<String, String> e : config.streamsOverrides().entrySet()) {
            if (e.getKey().equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                    && !e.getValue().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
                throw new StoreConfigException(e.getKey() + " = " + e.getValue() + " is not allowed: reactors need"
                        + " exactly_once_v2, or a crash could emit a reaction twice or lose it");
            }
            props.put(e.getKey(), e.getValue());
        }
        return props;
    }

    /**
     * Checks the store's topics, starts Kafka Streams and waits until it is RUNNING.
     *
     * @throws dev.batpak.kafka.store.StoreTopicsException if the topics are missing or wrong
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if it does not start in time
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        verifyTopics(timeout);
        streams.start();
        try {
            while (!running.await(20, TimeUnit.MILLISECONDS)) {
                if (stopped.getCount() == 0 || System.nanoTime() > deadline) {
                    throw new ProjectionException(ProjectionException.UNAVAILABLE, "reactors '" + config.name()
                            + "' did not reach RUNNING within " + timeout.toMillis() + " ms (state " + streams.state()
                            + "); check that " + config.bootstrapServers() + " is reachable");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "interrupted while starting reactors", e);
        }
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
        return streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    private void verifyTopics(Duration timeout) {
        StoreTopics topics = StoreTopics.of(config.store());
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            int count;
            try {
                count = admin.describeTopics(List.of(topics.journal())).topicNameValues().get(topics.journal())
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size();
            } catch (ExecutionException | TimeoutException e) {
                count = 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                count = 1;
            }
            topics.verify(admin, count, timeout);
        }
    }
}
