package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything a sequencer instance needs to run: where Kafka is, which store it sequences, where
 * its RocksDB state lives, and the knobs that trade latency, memory and safety.
 *
 * <p>A record so that a configuration is a value that can be logged, compared and rebuilt; the
 * canonical constructor validates every part and throws {@link StoreConfigException} (code
 * {@code INVALID_CONFIG}) naming the setting, so a bad file fails at start and not in the
 * middle of a lane. {@link #fromProperties(Properties)} reads the file format of
 * {@code batpak serve --config FILE}; {@link #builder(String, String)} is for code.
 *
 * @param bootstrapServers Kafka bootstrap servers, {@code host:port[,host:port]}
 * @param store the store name; the sequencer reads {@code <store>.proposals} and writes
 *     {@code <store>.journal} and {@code <store>.frontier}
 * @param applicationId the Kafka Streams application id (consumer group, transactional id and
 *     changelog topic prefix); default {@code batpak-<store>-sequencer}
 * @param stateDir the directory under which Kafka Streams keeps the RocksDB stores
 * @param commitInterval how often a task commits its transaction: a decision becomes VISIBLE at
 *     the commit, so this is the floor of append-to-visible latency
 * @param frontierPublishInterval how often changed frontier points are written
 * @param maxPayloadBytes the largest payload + extensions + 16 bytes per cause a proposal may
 *     carry; must leave room under the journal topic's {@code max.message.bytes}
 * @param idempotencyWindow proposals per lane during which an idempotency key is never evicted
 * @param idempotencyMaxKeys the soft cap on idempotency keys per lane; only keys outside the
 *     window are evicted to honour it
 * @param batchTimeout how long a batch may wait for its remaining items on a lane before it is
 *     denied {@code BATCH_INCOMPLETE}
 * @param maxClockSkew how far a proposal's HLC may be ahead of the sequencer's wall clock
 * @param causalWait how long a proposal may wait for its causation parents to become visible
 *     before it is denied {@code CAUSE_NOT_FOUND}
 * @param signingKeyFile an Ed25519 signing key file (PEM); commit receipts are signed when set
 * @param gateClassNames stateful gate classes ({@code Gate<ProposalContext>} with a public no-arg
 *     constructor), in evaluation order
 * @param replicationFactor the replication factor of the changelog topics; -1 for the broker's
 *     default
 * @param registryProperties schema registry settings ({@code schema.registry.url},
 *     {@code basic.auth.user.info}, {@code schema.registry.ssl.*}, subject strategy, ...): with a
 *     registry URL the journal and frontier are written in the Confluent wire format
 * @param streamsOverrides further Kafka Streams properties, applied last (for example
 *     {@code num.stream.threads})
 */
public record SequencerConfig(
        String bootstrapServers,
        String store,
        String applicationId,
        Path stateDir,
        Duration commitInterval,
        Duration frontierPublishInterval,
        int maxPayloadBytes,
        long idempotencyWindow,
        long idempotencyMaxKeys,
        Duration batchTimeout,
        Duration maxClockSkew,
        Duration causalWait,
        Optional<Path> signingKeyFile,
        List<String> gateClassNames,
        int replicationFactor,
        Map<String, String> streamsOverrides,
        Map<String, String> registryProperties) {

    /** Default commit interval: a visibility floor of 20 ms. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(20);
    /** Default frontier publish interval. */
    public static final Duration DEFAULT_FRONTIER_PUBLISH_INTERVAL = Duration.ofMillis(10);
    /** Default payload limit: leaves room for the envelope under Kafka's default 1 MiB record limit. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_000_000;
    /** Default idempotency window, in proposals per lane. */
    public static final long DEFAULT_IDEMPOTENCY_WINDOW = 1_000_000;
    /** Default soft cap on idempotency keys per lane. */
    public static final long DEFAULT_IDEMPOTENCY_MAX_KEYS = 4_000_000;
    /** Default time an incomplete batch may wait for its other items. */
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofSeconds(60);
    /** Default allowed skew between a submitter's clock and the sequencer's. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Default {@value #CAUSAL_WAIT_MS}: 30 s. */
    public static final Duration DEFAULT_CAUSAL_WAIT = Duration.ofSeconds(30);
    /** Default state directory, relative to the working directory. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".batpak", "streams-state");

    /** Property: Kafka bootstrap servers (required). */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    /** Property: the store name (required). */
    public static final String STORE = "batpak.store";
    /** Property: the Kafka Streams application id. */
    public static final String APPLICATION_ID = "batpak.application.id";
    /** Property: the state directory. */
    public static final String STATE_DIR = "batpak.state.dir";
    /** Property: the commit interval in milliseconds. */
    public static final String COMMIT_INTERVAL_MS = "batpak.commit.interval.ms";
    /** Property: the frontier publish interval in milliseconds. */
    public static final String FRONTIER_PUBLISH_MS = "batpak.frontier.publish.ms";
    /** Property: the payload limit in bytes. */
    public static final String MAX_PAYLOAD_BYTES = "batpak.max.payload.bytes";
    /** Property: the idempotency window in proposals per lane. */
    public static final String IDEMPOTENCY_WINDOW = "batpak.idempotency.window";
    /** Property: the soft cap on idempotency keys per lane. */
    public static final String IDEMPOTENCY_MAX_KEYS = "batpak.idempotency.max.keys";
    /** Property: the incomplete-batch timeout in milliseconds. */
    public static final String BATCH_TIMEOUT_MS = "batpak.batch.timeout.ms";
    /** Property: the allowed clock skew in milliseconds. */
    public static final String MAX_CLOCK_SKEW_MS = "batpak.max.clock.skew.ms";
    /** Key: how long a proposal waits for its causation parents, in ms. */
    public static final String CAUSAL_WAIT_MS = "batpak.causal.wait.ms";
    /** Property: the signing key file. */
    public static final String SIGNING_KEY_FILE = "batpak.signing.key.file";
    /** Property: comma-separated stateful gate class names. */
    public static final String GATES = "batpak.gates";
    /** Property: the replication factor of internal topics. */
    public static final String REPLICATION_FACTOR = "batpak.replication.factor";
    /** Prefix of properties passed to Kafka Streams with the prefix removed. */
    public static final String STREAMS_PREFIX = "streams.";

    /** Validates every part and freezes the collections. */
    public SequencerConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw invalid(BOOTSTRAP_SERVERS, bootstrapServers, "give the Kafka bootstrap servers, host:port[,host:port]");
        }
        StoreTopics.validateStoreName(store);
        if (applicationId == null || applicationId.isBlank()) {
            applicationId = defaultApplicationId(store);
        }
        Objects.requireNonNull(stateDir, "stateDir");
        if (commitInterval == null || commitInterval.isNegative()) {
            throw invalid(COMMIT_INTERVAL_MS, commitInterval, "must be >= 0 ms");
        }
        requirePositive(FRONTIER_PUBLISH_MS, frontierPublishInterval);
        if (maxPayloadBytes < 1) {
            throw invalid(MAX_PAYLOAD_BYTES, maxPayloadBytes, "must be >= 1");
        }
        if (idempotencyWindow < 1) {
            throw invalid(IDEMPOTENCY_WINDOW, idempotencyWindow, "must be >= 1 proposal");
        }
        if (idempotencyMaxKeys < 1) {
            throw invalid(IDEMPOTENCY_MAX_KEYS, idempotencyMaxKeys, "must be >= 1");
        }
        requirePositive(BATCH_TIMEOUT_MS, batchTimeout);
        requirePositive(MAX_CLOCK_SKEW_MS, maxClockSkew);
        requirePositive(CAUSAL_WAIT_MS, causalWait);
        Objects.requireNonNull(signingKeyFile, "signingKeyFile (use Optional.empty())");
        gateClassNames = List.copyOf(gateClassNames);
        for (String name : gateClassNames) {
            if (name.isBlank()) {
                throw invalid(GATES, gateClassNames, "a gate class name is empty");
            }
        }
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw invalid(REPLICATION_FACTOR, replicationFactor, "must be >= 1, or -1 for the broker's default");
        }
        streamsOverrides = Map.copyOf(streamsOverrides);
        registryProperties = Map.copyOf(registryProperties);
    }

    /** {@code batpak-<store>-sequencer}. */
    public static String defaultApplicationId(String store) {
        return "batpak-" + store + "-sequencer";
    }

    /** A builder with every default, for a store on the given cluster. */
    public static Builder builder(String bootstrapServers, String store) {
        return new Builder(bootstrapServers, store);
    }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        Builder b = new Builder(bootstrapServers, store);
        b.applicationId = applicationId;
        b.stateDir = stateDir;
        b.commitInterval = commitInterval;
        b.frontierPublishInterval = frontierPublishInterval;
        b.maxPayloadBytes = maxPayloadBytes;
        b.idempotencyWindow = idempotencyWindow;
        b.idempotencyMaxKeys = idempotencyMaxKeys;
        b.batchTimeout = batchTimeout;
        b.maxClockSkew = maxClockSkew;
        b.causalWait = causalWait;
        b.signingKeyFile = signingKeyFile;
        b.gateClassNames = gateClassNames;
        b.replicationFactor = replicationFactor;
        b.streamsOverrides = new LinkedHashMap<>(streamsOverrides);
        b.registryProperties = new LinkedHashMap<>(registryProperties);
        return b;
    }

    /**
     * Reads a configuration from properties (the {@code batpak serve --config FILE} format).
     * Keys: {@value #BOOTSTRAP_SERVERS} and {@value #STORE} (required), {@value #APPLICATION_ID},
     * {@value #STATE_DIR}, {@value #COMMIT_INTERVAL_MS}, {@value #FRONTIER_PUBLISH_MS},
     * {@value #MAX_PAYLOAD_BYTES}, {@value #IDEMPOTENCY_WINDOW}, {@value #IDEMPOTENCY_MAX_KEYS},
     * {@value #BATCH_TIMEOUT_MS}, {@value #MAX_CLOCK_SKEW_MS}, {@value #CAUSAL_WAIT_MS}, {@value #SIGNING_KEY_FILE},
     * {@value #GATES} (comma-separated) and {@value #REPLICATION_FACTOR}; every
     * {@code streams.X} key is passed to Kafka Streams as {@code X}. Other keys are ignored: the
     * file is shared with the other parts of {@code batpak serve}.
     *
     * @throws StoreConfigException if a required key is missing or a value is invalid
     */
    public static SequencerConfig fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        String bootstrap = properties.getProperty(BOOTSTRAP_SERVERS);
        String store = properties.getProperty(STORE);
        if (store == null) {
            throw invalid(STORE, null, "is required: the name of the store to sequence");
        }
        Builder b = builder(bootstrap == null ? "" : bootstrap.trim(), store.trim());
        String value;
        if ((value = properties.getProperty(APPLICATION_ID)) != null) {
            b.applicationId(value.trim());
        }
        if ((value = properties.getProperty(STATE_DIR)) != null) {
            b.stateDir(Path.of(value.trim()));
        }
        if ((value = properties.getProperty(COMMIT_INTERVAL_MS)) != null) {
            b.commitInterval(Duration.ofMillis(parseLong(COMMIT_INTERVAL_MS, value)));
        }
        if ((value = properties.getProperty(FRONTIER_PUBLISH_MS)) != null) {
            b.frontierPublishInterval(Duration.ofMillis(parseLong(FRONTIER_PUBLISH_MS, value)));
        }
        if ((value = properties.getProperty(MAX_PAYLOAD_BYTES)) != null) {
            long bytes = parseLong(MAX_PAYLOAD_BYTES, value);
            if (bytes > Integer.MAX_VALUE) {
                throw invalid(MAX_PAYLOAD_BYTES, value, "must fit in an int; Kafka records are far smaller anyway");
            }
            b.maxPayloadBytes((int) bytes);
        }
        if ((value = properties.getProperty(IDEMPOTENCY_WINDOW)) != null) {
            b.idempotencyWindow(parseLong(IDEMPOTENCY_WINDOW, value));
        }
        if ((value = properties.getProperty(IDEMPOTENCY_MAX_KEYS)) != null) {
            b.idempotencyMaxKeys(parseLong(IDEMPOTENCY_MAX_KEYS, value));
        }
        if ((value = properties.getProperty(BATCH_TIMEOUT_MS)) != null) {
            b.batchTimeout(Duration.ofMillis(parseLong(BATCH_TIMEOUT_MS, value)));
        }
        if ((value = properties.getProperty(MAX_CLOCK_SKEW_MS)) != null) {
            b.maxClockSkew(Duration.ofMillis(parseLong(MAX_CLOCK_SKEW_MS, value)));
        }
        if ((value = properties.getProperty(CAUSAL_WAIT_MS)) != null) {
            b.causalWait(Duration.ofMillis(parseLong(CAUSAL_WAIT_MS, value)));
        }
        if ((value = properties.getProperty(SIGNING_KEY_FILE)) != null && !value.isBlank()) {
            b.signingKeyFile(Path.of(value.trim()));
        }
        if ((value = properties.getProperty(GATES)) != null && !value.isBlank()) {
            List<String> names = new ArrayList<>();
            for (String name : value.split(",")) {
                names.add(name.trim());
            }
            b.gateClassNames(names);
        }
        if ((value = properties.getProperty(REPLICATION_FACTOR)) != null) {
            long factor = parseLong(REPLICATION_FACTOR, value);
            if (factor < Integer.MIN_VALUE || factor > Short.MAX_VALUE) {
                throw invalid(REPLICATION_FACTOR, value, "is out of range");
            }
            b.replicationFactor((int) factor);
        }
        for (String key : properties.stringPropertyNames()) {
            if (isRegistryKey(key)) {
                b.registryProperty(key, properties.getProperty(key).trim());
            }
            if (key.startsWith(STREAMS_PREFIX) && key.length() > STREAMS_PREFIX.length()) {
                b.streamsOverride(key.substring(STREAMS_PREFIX.length()), properties.getProperty(key).trim());
            }
        }
        return b.build();
    }

    /** True for the settings that configure the schema registry client (Confluent's names). */
    static boolean isRegistryKey(String key) {
        return key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                || key.equals("auto.register.schemas") || key.equals("value.subject.name.strategy");
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, value, "is not a whole number");
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(key, value, "must be > 0 ms");
        }
    }

    private static StoreConfigException invalid(String key, Object value, String rule) {
        return new StoreConfigException("sequencer setting " + key + " = " + value + " " + rule);
    }

    /** Builds a {@link SequencerConfig}; every setting starts at its default. */
    public static final class Builder {

        private final String bootstrapServers;
        private final String store;
        private String applicationId;
        private Path stateDir = DEFAULT_STATE_DIR;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration frontierPublishInterval = DEFAULT_FRONTIER_PUBLISH_INTERVAL;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private long idempotencyWindow = DEFAULT_IDEMPOTENCY_WINDOW;
        private long idempotencyMaxKeys = DEFAULT_IDEMPOTENCY_MAX_KEYS;
        private Duration batchTimeout = DEFAULT_BATCH_TIMEOUT;
        private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
        private Duration causalWait = DEFAULT_CAUSAL_WAIT;
        private Optional<Path> signingKeyFile = Optional.empty();
        private List<String> gateClassNames = List.of();
        private int replicationFactor = -1;
        private Map<String, String> streamsOverrides = new LinkedHashMap<>();
        private Map<String, String> registryProperties = new LinkedHashMap<>();

        private Builder(String bootstrapServers, String store) {
            this.bootstrapServers = bootstrapServers;
            this.store = store;
        }

        /** Sets the Kafka Streams application id. */
        public Builder applicationId(String value) {
            this.applicationId = value;
            return this;
        }

        /** Sets the state directory. */
        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        /** Sets the commit interval. */
        public Builder commitInterval(Duration value) {
            this.commitInterval = value;
            return this;
        }

        /** Sets the frontier publish interval. */
        public Builder frontierPublishInterval(Duration value) {
            this.frontierPublishInterval = value;
            return this;
        }

        /** Sets the payload limit. */
        public Builder maxPayloadBytes(int value) {
            this.maxPayloadBytes = value;
            return this;
        }

        /** Sets the idempotency window. */
        public Builder idempotencyWindow(long value) {
            this.idempotencyWindow = value;
            return this;
        }

        /** Sets the soft cap on idempotency keys per lane. */
        public Builder idempotencyMaxKeys(long value) {
            this.idempotencyMaxKeys = value;
            return this;
        }

        /** Sets the incomplete-batch timeout. */
        public Builder batchTimeout(Duration value) {
            this.batchTimeout = value;
            return this;
        }

        /** Sets the allowed clock skew. */
        public Builder maxClockSkew(Duration value) {
            this.maxClockSkew = value;
            return this;
        }

        /** Sets how long a proposal may wait for its causation parents. */
        public Builder causalWait(Duration value) {
            this.causalWait = value;
            return this;
        }

        /** Sets the signing key file. */
        public Builder signingKeyFile(Path value) {
            this.signingKeyFile = Optional.of(value);
            return this;
        }

        /** Sets the stateful gate class names, in evaluation order. */
        public Builder gateClassNames(List<String> value) {
            this.gateClassNames = value;
            return this;
        }

        /** Sets the replication factor of internal topics (-1 for the broker's default). */
        public Builder replicationFactor(int value) {
            this.replicationFactor = value;
            return this;
        }

        /** Adds one Kafka Streams property, applied after the sequencer's own. */
        public Builder streamsOverride(String key, String value) {
            this.streamsOverrides.put(key, value);
            return this;
        }

        /** A schema registry setting, e.g. {@code schema.registry.url}. */
        public Builder registryProperty(String key, String value) {
            if (!isRegistryKey(key)) {
                throw invalid(key, value, "is not a schema registry setting");
            }
            this.registryProperties.put(key, value);
            return this;
        }

        /**
         * The configuration.
         *
         * @throws StoreConfigException if a setting is invalid
         */
        public SequencerConfig build() {
            return new SequencerConfig(bootstrapServers, store, applicationId, stateDir, commitInterval,
                    frontierPublishInterval, maxPayloadBytes, idempotencyWindow, idempotencyMaxKeys, batchTimeout,
                    maxClockSkew, causalWait, signingKeyFile, gateClassNames, replicationFactor, streamsOverrides,
                    registryProperties);
        }
    }
}
