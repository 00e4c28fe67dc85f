package dev.batpak.kafka.streams.internal;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The life cycle batpak's Kafka Streams applications share: their exactly-once
 * properties, starting and waiting for RUNNING, checking the store's topics, and closing while
 * leaving the group.
 */
public final class StreamsAppRuntime {

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StreamsAppRuntime(KafkaStreams streams) {
        this.streams = streams;
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
                    || now == KafkaStreams.State.PENDING_SHUTDOWN || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
    }

    /** Watches {@code streams}' state (it sets the state listener). */
    public static StreamsAppRuntime watching(KafkaStreams streams) {
        return new StreamsAppRuntime(streams);
    }

    /**
     * The Kafka Streams properties: exactly-once v2, read_committed everywhere (global stores
     * too), byte-array serdes, earliest reset, the given intervals and directory, then the
     * overrides.
     *
     * @param why why the application needs exactly-once, for the refusal of a weaker guarantee
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public static Properties exactlyOnceProperties(String applicationId, String bootstrapServers,
            Duration commitInterval, Path stateDir, int replicationFactor, Map<String, String> overrides, String why) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class.getName());
        String readCommitted = IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), readCommitted);
        props.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), readCommitted);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (e.getKey().equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                    && !e.getValue().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
                throw new StoreConfigException(e.getKey() + " = " + e.getValue() + " is not allowed: " + why);
            }
            props.put(e.getKey(), e.getValue());
        }
        return props;
    }

    /**
     * Starts Kafka Streams and waits until it is RUNNING.
     *
     * @param what what starts, for messages (e.g. {@code projections 'orders'})
     * @param failure the error that stopped the application, if known
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if it stops while starting or
     *     is not RUNNING by {@code deadlineNanos}
     */
    public void startAndAwaitRunning(String what, long deadlineNanos, Duration timeout, String bootstrapServers,
            Supplier<Throwable> failure) {
        streams.start();
        try {
            while (!running.await(20, TimeUnit.MILLISECONDS)) {
                if (stopped.getCount() == 0) {
                    throw new ProjectionException(ProjectionException.UNAVAILABLE, what + " stopped while starting"
                            + " (state " + streams.state() + ")", failure.get());
                }
                if (System.nanoTime() > deadlineNanos) {
                    throw new ProjectionException(ProjectionException.UNAVAILABLE, what + " did not reach RUNNING"
                            + " within " + timeout.toMillis() + " ms (state " + streams.state() + "); check that "
                            + bootstrapServers + " is reachable");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "interrupted while starting " + what, e);
        }
    }

    /** Stops Kafka Streams within {@code timeout} and leaves the group; true if it stopped in time. */
    public boolean closeLeavingGroup(Duration timeout) {
        return streams.close(CloseOptions.timeout(timeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /** An admin client for {@code bootstrapServers}. */
    public static Admin admin(String bootstrapServers) {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(adminProps);
    }

    /**
     * Checks the store's topics against the journal's partition count and returns that count
     * (the store's lanes).
     *
     * @throws dev.batpak.kafka.store.StoreTopicsException if the topics are missing or wrong
     */
    public static int verifyStoreTopics(Admin admin, String store, Duration timeout) {
        StoreTopics topics = StoreTopics.of(store);
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
        // With a missing journal, verify reports it (and how to create it).
        topics.verify(admin, count, timeout);
        return count;
    }
}
