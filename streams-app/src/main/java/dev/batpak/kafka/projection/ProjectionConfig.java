package dev.batpak.kafka.projection;

import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.streams.JournalAppBuilder;
import dev.batpak.kafka.streams.internal.JournalAppChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The configuration of a {@link ProjectionApp}.
 *
 * @param bootstrapServers the Kafka bootstrap servers
 * @param store the store whose journal is projected
 * @param name the name of this set of projections; the application id is
 *     {@code <store>.projections.<name>.<fingerprint>} and {@code batpak projections rebuild NAME}
 *     resets every application id under {@code <store>.projections.<NAME>.}
 * @param stateDir the Kafka Streams state directory (RocksDB stores)
 * @param commitInterval the exactly-once commit interval
 * @param publishInterval how often the applied watermark is published
 * @param replicationFactor the replication factor of the changelog topics
 * @param streamsOverrides further Kafka Streams properties
 * @param registryProperties schema registry settings ({@code schema.registry.url},
 *     {@code basic.auth.user.info}, {@code schema.registry.ssl.*}, subject strategy, ...), as the
 *     sequencer's: with a registry URL the journal is read in either framing and the applied
 *     points are written in the schema registry wire format; without one, single-object encoding
 */
public record ProjectionConfig(String bootstrapServers, String store, String name, Path stateDir,
        Duration commitInterval, Duration publishInterval, int replicationFactor, Map<String, String> streamsOverrides,
        Map<String, String> registryProperties) {

    /** The default commit interval: short, because {@code waitFor(APPLIED)} waits for a commit. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);
    /** The default interval between applied-watermark publications. */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(20);
    /** The default state directory. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".batpak", "projection-state");

    /**
     * Validates.
     *
     * @throws StoreConfigException naming the invalid setting
     */
    public ProjectionConfig {
        JournalAppChecks.check("projection", bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
                replicationFactor);
        streamsOverrides = JournalAppChecks.sortedCopy(streamsOverrides);
        registryProperties = JournalAppChecks.registrySettings(registryProperties);
    }

    /**
     * The codecs of the store's records under {@link #registryProperties}: the schema registry
     * wire format with a registry URL, single-object encoding without; both read either framing.
     *
     * @throws dev.batpak.kafka.registry.SchemaRegistryException ({@code INVALID_CONFIG}) if the
     *     registry settings are malformed
     */
    public RecordCodecs codecs() {
        return RecordCodecs.create(registryProperties, store);
    }

    /** The prefix of every application id of this projection set, whatever its projections. */
    public String applicationIdPrefix() {
        return applicationIdPrefix(store, name);
    }

    /** The prefix of every application id of projection set {@code name} over {@code store}. */
    public static String applicationIdPrefix(String store, String name) {
        return store + ".projections." + name + ".";
    }

    /** A builder with defaults. */
    public static Builder builder(String bootstrapServers, String store, String name) {
        return new Builder(bootstrapServers, store, name);
    }

    /** Builds a {@link ProjectionConfig}. */
    public static final class Builder extends JournalAppBuilder<Builder> {

        private Builder(String bootstrapServers, String store, String name) {
            super(bootstrapServers, store, name, DEFAULT_STATE_DIR, DEFAULT_COMMIT_INTERVAL, DEFAULT_PUBLISH_INTERVAL);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The configuration.
         *
         * @throws StoreConfigException naming the invalid setting
         */
        public ProjectionConfig build() {
            return new ProjectionConfig(bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
                    replicationFactor, overrides, registry);
        }
    }
}
