package dev.batpak.kafka.store;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * How to open an {@link EventStore}. Build with {@link #builder(String, String)}.
 *
 * @param bootstrapServers the Kafka bootstrap address
 * @param store the store name, the prefix of its topics
 * @param lanes the number of lanes (partitions of the proposals and journal topics)
 * @param kafkaProperties passed unchanged to every client (security settings: {@code
 *     security.protocol}, {@code sasl.*}, {@code ssl.*}, and anything else Kafka takes); with
 *     {@code schema.registry.url} (and {@code basic.auth.user.info}, ...) records use the
 *     Confluent wire format through that registry
 * @param producerOverrides passed to the producers after the store's own settings
 * @param consumerOverrides passed to the consumers after the store's own settings
 * @param maxPayloadBytes the largest payload plus extensions an append may carry
 * @param maxBatchItems the most items an atomic batch may carry
 * @param maxBatchBytes the most payload bytes an atomic batch may carry
 * @param transactionalId the transactional id of the batch producer; a second producer with the
 *     same id fences this store, which then fails closed
 * @param openTimeout how long {@code open} may take to check the topics
 * @param verifyTopics whether {@code open} checks the store's topics
 * @param queryEndpoint the streams app's HTTP endpoint (for example {@code http://localhost:8181}),
 *     which {@link EventStore#query} and {@link EventStore#queryAfter} call; empty when the store
 *     does not serve region queries
 */
public record StoreConfig(String bootstrapServers, String store, int lanes, Map<String, Object> kafkaProperties,
        Map<String, Object> producerOverrides, Map<String, Object> consumerOverrides, int maxPayloadBytes,
        int maxBatchItems, long maxBatchBytes, String transactionalId, Duration openTimeout, boolean verifyTopics,
        Optional<URI> queryEndpoint) {

    /**
     * The default payload limit, 900 KiB: with the largest coordinate (2 x 1 KiB) and the record
     * header it stays below the broker's default {@code max.message.bytes} of 1,048,588 bytes, so
     * the store refuses an oversize payload before the broker would.
     */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 900 * 1024;

    /** The default batch item limit (batpak's default). */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 256;

    /** The default batch byte limit, 4 MiB. */
    public static final long DEFAULT_MAX_BATCH_BYTES = 4L * 1024 * 1024;

    /** Validates every setting; throws {@link StoreConfigException} naming the one that is wrong. */
    public StoreConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new StoreConfigException("bootstrapServers is required (host:port[,host:port])");
        }
        StoreTopics.validateStoreName(store);
        StoreTopics.validateLanes(lanes);
        kafkaProperties = Map.copyOf(kafkaProperties);
        producerOverrides = Map.copyOf(producerOverrides);
        consumerOverrides = Map.copyOf(consumerOverrides);
        if (maxPayloadBytes < 1 || maxPayloadBytes > 64 * 1024 * 1024) {
            throw new StoreConfigException("maxPayloadBytes = " + maxPayloadBytes + ": allowed 1..64 MiB");
        }
        if (maxBatchItems < 1 || maxBatchItems > 4096) {
            throw new StoreConfigException("maxBatchItems = " + maxBatchItems + ": allowed 1..4096");
        }
        if (maxBatchBytes < 1 || maxBatchBytes > 64L * 1024 * 1024) {
            throw new StoreConfigException("maxBatchBytes = " + maxBatchBytes + ": allowed 1..64 MiB");
        }
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new StoreConfigException("transactionalId must not be blank");
        }
        Objects.requireNonNull(openTimeout, "openTimeout");
        if (openTimeout.isNegative() || openTimeout.isZero()) {
            throw new StoreConfigException("openTimeout must be positive, got " + openTimeout);
        }
        Objects.requireNonNull(queryEndpoint, "queryEndpoint");
        if (queryEndpoint.isPresent() && (!queryEndpoint.get().isAbsolute()
                || !("http".equals(queryEndpoint.get().getScheme()) || "https".equals(queryEndpoint.get().getScheme())))) {
            throw new StoreConfigException("queryEndpoint must be an http:// or https:// URI such as"
                    + " http://localhost:8181, got '" + queryEndpoint.get() + "'");
        }
    }

    /** A builder with the defaults: 1 lane, 900 KiB payloads, batches of 256 items / 4 MiB. */
    public static Builder builder(String bootstrapServers, String store) {
        return new Builder(bootstrapServers, store);
    }

    /** Builds a {@link StoreConfig}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final String store;
        private int lanes = 1;
        private Map<String, Object> kafkaProperties = Map.of();
        private Map<String, Object> producerOverrides = Map.of();
        private Map<String, Object> consumerOverrides = Map.of();
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private int maxBatchItems = DEFAULT_MAX_BATCH_ITEMS;
        private long maxBatchBytes = DEFAULT_MAX_BATCH_BYTES;
        private String transactionalId;
        private Duration openTimeout = Duration.ofSeconds(30);
        private boolean verifyTopics = true;
        private Optional<URI> queryEndpoint = Optional.empty();

        private Builder(String bootstrapServers, String store) {
            this.bootstrapServers = bootstrapServers;
            this.store = store;
        }

        /** The number of lanes; must match the topics' partition count. */
        public Builder lanes(int value) {
            this.lanes = value;
            return this;
        }

        /** Properties for every client (security and the like). */
        public Builder kafkaProperties(Map<String, Object> value) {
            this.kafkaProperties = value;
            return this;
        }

        /** Producer settings applied after the store's own. */
        public Builder producerOverrides(Map<String, Object> value) {
            this.producerOverrides = value;
            return this;
        }

        /** Consumer settings applied after the store's own. */
        public Builder consumerOverrides(Map<String, Object> value) {
            this.consumerOverrides = value;
            return this;
        }

        /** The payload limit in bytes. */
        public Builder maxPayloadBytes(int value) {
            this.maxPayloadBytes = value;
            return this;
        }

        /** The batch item limit. */
        public Builder maxBatchItems(int value) {
            this.maxBatchItems = value;
            return this;
        }

        /** The batch byte limit. */
        public Builder maxBatchBytes(long value) {
            this.maxBatchBytes = value;
            return this;
        }

        /** The batch producer's transactional id (default: unique per open). */
        public Builder transactionalId(String value) {
            this.transactionalId = value;
            return this;
        }

        /** How long opening may take. */
        public Builder openTimeout(Duration value) {
            this.openTimeout = value;
            return this;
        }

        /** Whether opening checks the topics (default true). */
        public Builder verifyTopics(boolean value) {
            this.verifyTopics = value;
            return this;
        }

        /** The streams app's HTTP endpoint that answers region queries (default: none). */
        public Builder queryEndpoint(URI value) {
            this.queryEndpoint = Optional.of(Objects.requireNonNull(value, "queryEndpoint"));
            return this;
        }

        /** Validates and builds. */
        public StoreConfig build() {
            String txId = transactionalId != null ? transactionalId : "batpak-" + store + "-" + UUID.randomUUID();
            return new StoreConfig(bootstrapServers, store, lanes, kafkaProperties, producerOverrides,
                    consumerOverrides, maxPayloadBytes, maxBatchItems, maxBatchBytes, txId, openTimeout,
                    verifyTopics, queryEndpoint);
        }
    }
}
