package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.graph.GraphStores;
import dev.batpak.kafka.graph.StoreCausalGraph;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.http.QueryHttpHandler;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.streams.internal.StreamsAppRuntime;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer as a running application: a {@link KafkaStreams} instance over the
 * {@link SequencerTopology}, configured for exactly-once processing.
 *
 * <p>Run one or more instances with the same {@link SequencerConfig#applicationId()}; Kafka
 * Streams spreads the lanes (tasks) over them and moves a lane, with its RocksDB state, when an
 * instance stops. Exactly-once v2 fences a zombie instance, so a lane always has one writer.
 *
 * <p>{@link #start(Duration)} checks the store's topics first (a missing topic is a clear error,
 * not a stream thread dying later) and blocks until Kafka Streams is RUNNING. A stream thread
 * that dies stops the whole instance ({@code SHUTDOWN_CLIENT}) instead of being replaced: the
 * errors that reach the handler are defects (an unreadable state store, a record the broker
 * refuses), and retrying them in a loop would only hide them. Bad input never gets there: it is
 * denied in the journal.
 */
public final class SequencerApp implements AutoCloseable {

    /** How long {@link #start()} waits for RUNNING. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for a clean shutdown. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SequencerApp.class);
    /** How long a graph query waits for another instance's stores. */
    private static final Duration GRAPH_PEER_TIMEOUT = Duration.ofSeconds(10);

    private final SequencerConfig config;
    private final KafkaStreams streams;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<GraphHttpServer> graphServers = new CopyOnWriteArrayList<>();

    /**
     * An application with the gates named in the configuration.
     *
     * @throws StoreConfigException if the configuration or a gate class is unusable
     */
    public SequencerApp(SequencerConfig config) {
        this(config, GateSet.empty());
    }

    /**
     * An application with the configured gates followed by {@code gates} (for an embedded
     * sequencer whose gates are objects rather than class names).
     *
     * @throws StoreConfigException if the configuration or a gate class is unusable
     */
    public SequencerApp(SequencerConfig config, GateSet<ProposalContext> gates) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(gates, "gates");
        this.streams = new KafkaStreams(SequencerTopology.builder(config, gates).build(), streamsProperties(config));
        streams.setUncaughtExceptionHandler(thrown -> {
            failure.compareAndSet(null, thrown);
            LOG.error("sequencer for store '{}' stopped: a stream thread failed", config.store(), thrown);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
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
     * The Kafka Streams properties for {@code config}: exactly-once v2, the configured commit
     * interval, state directory and replication factor, then the overrides.
     *
     * @throws StoreConfigException if an override would weaken exactly-once processing
     */
    public static Properties streamsProperties(SequencerConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        // the global causal index paces held proposals and cross-lane batches: a read_committed
        // long poll may wait out fetch.max.wait.ms (500 ms) before it sees a commit, so poll briefly
        settings.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "20");
        settings.putAll(config.streamsOverrides());
        return StreamsAppRuntime.exactlyOnceProperties(config.applicationId(), config.bootstrapServers(),
                config.commitInterval(), config.stateDir(), config.replicationFactor(), settings,
                "the sequencer needs exactly_once_v2, or a crash could duplicate or lose journal records");
    }

    /** {@link #start(Duration)} with {@link #DEFAULT_START_TIMEOUT}. */
    public void start() {
        start(DEFAULT_START_TIMEOUT);
    }

    /**
     * Checks the store's topics, starts Kafka Streams and waits until it is RUNNING.
     *
     * @throws dev.batpak.kafka.store.StoreTopicsException if the topics are missing or wrong
     * @throws SequencerException if Kafka Streams fails or does not reach RUNNING in time
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        verifyTopics(timeout);
        RecordCodecs codecs = RecordCodecs.create(config.registryProperties(), config.store());
        if (codecs.usesRegistry()) {
            // A registry that refuses our schemas should stop the start, not the first proposal.
            codecs.registerSchemas();
        }
        streams.start();
        try {
            while (!running.await(20, TimeUnit.MILLISECONDS)) {
                if (stopped.getCount() == 0) {
                    throw new SequencerException(SequencerException.FAILED, "the sequencer for store '"
                            + config.store() + "' stopped while starting (state " + streams.state() + ")"
                            + failureText(), failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new SequencerException(SequencerException.START_TIMEOUT, "the sequencer for store '"
                            + config.store() + "' did not reach RUNNING within " + timeout.toMillis() + " ms (state "
                            + streams.state() + "); check that " + config.bootstrapServers() + " is reachable and"
                            + " that no other process uses the state directory " + config.stateDir(), null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SequencerException(SequencerException.START_TIMEOUT, "interrupted while waiting for the"
                    + " sequencer to start", e);
        }
        LOG.info("sequencer for store '{}' is running (application id {})", config.store(), config.applicationId());
    }

    /** The Kafka Streams state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The error that stopped the sequencer, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** The configuration this application runs with. */
    public SequencerConfig config() {
        return config;
    }

    /**
     * The underlying Kafka Streams instance, for interactive queries of the sequencer's stores
     * ({@link dev.batpak.kafka.sequencer.state.StoreLayout}) and for metrics.
     */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /**
     * Serves the causal graph over HTTP ({@link GraphHttpServer}) on {@code address} (port 0 picks
     * a free one) until the application is closed. Without {@code application.server} in the
     * Streams overrides, queries read this instance's lanes (every lane when it runs alone). With
     * it, {@code address} must be that host and port: queries read this instance's lanes locally
     * and every other instance's over its endpoint, so any instance answers for the whole store.
     */
    public GraphHttpServer serveGraph(InetSocketAddress address) {
        GraphStores local = GraphStores.local(streams);
        String self = config.streamsOverrides().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        GraphStores lanes = self == null ? local
                : GraphStores.cluster(streams, HostInfo.buildFromEndpoint(self), GRAPH_PEER_TIMEOUT);
        GraphHttpServer server = GraphHttpServer.start(address, new StoreCausalGraph(lanes), local);
        QueryHttpHandler.install(server, config);
        graphServers.add(server);
        return server;
    }

    /**
     * Stops Kafka Streams, waiting up to {@code timeout} for the current transactions to commit.
     * With {@link Duration#ZERO} it only signals the shutdown: whatever is not committed by then
     * is aborted and redone by the next instance, which is safe under exactly-once.
     *
     * @return true if Kafka Streams stopped within the timeout
     */
    public boolean close(Duration timeout) {
        graphServers.forEach(GraphHttpServer::close);
        return streams.close(timeout);
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
            int lanes = lanes(admin, topics, timeout);
            topics.verify(admin, lanes, timeout);
            createCausalIndex(admin, lanes, timeout);
        }
    }

    /**
     * Creates {@code <store>.causal-index} (compacted, one partition per lane) unless it exists:
     * it is the sequencer's own internal topic, like its changelogs, and must exist before the
     * global store that reads it starts.
     */
    private void createCausalIndex(Admin admin, int lanes, Duration timeout) {
        String topic = SequencerTopology.causalIndexTopic(config.store());
        NewTopic index = new NewTopic(topic, Optional.of(lanes), config.replicationFactor() == -1 ? Optional.empty()
                : Optional.of((short) config.replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            admin.createTopics(List.of(index)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // the global store fails at once if the topic has no partitions yet: wait until every
            // partition has a leader
            while (!hasLeaders(admin, topic, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new SequencerException(SequencerException.START_TIMEOUT, "the causal index topic " + topic
                            + " has no leader for every partition " + timeout.toMillis() + " ms after its creation",
                            null);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new SequencerException(SequencerException.FAILED, "cannot create the causal index topic "
                        + topic + ": " + e.getCause() + "; create it (compacted, " + lanes + " partitions) or grant"
                        + " the sequencer CREATE on the cluster", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new SequencerException(SequencerException.START_TIMEOUT, "creating the causal index topic " + topic
                    + " did not finish within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SequencerException(SequencerException.START_TIMEOUT, "interrupted while creating " + topic, e);
        }
    }

    private static boolean hasLeaders(Admin admin, String topic, Duration timeout) throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return !description.partitions().isEmpty()
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The lane count: the proposals topic's partitions, else the journal's, else 1 (for the error message). */
    private int lanes(Admin admin, StoreTopics topics, Duration timeout) {
        for (String topic : List.of(topics.proposals(), topics.journal())) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return description.partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    break;
                }
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return 1;
    }

    private String failureText() {
        Throwable thrown = failure.get();
        return thrown == null ? "" : ": " + thrown;
    }
}
