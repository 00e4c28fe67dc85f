package dev.batpak.kafka.reactor;

import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.streams.JournalAppBuilder;
import dev.batpak.kafka.streams.internal.JournalAppChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The configuration of a {@link ReactorApp}.
 *
 * @param bootstrapServers the Kafka bootstrap servers
 * @param store the store whose journal is projected
 * @param name the name of this set of reactors; the application id is {@code <store>.reactors.<name>}
 *     (no fingerprint: a reactor keeps its input position across code changes, so it never
 *     re-emits what it already emitted)
 * @param stateDir the Kafka Streams state directory (RocksDB stores)
 * @param commitInterval the exactly-once commit interval
 * @param publishInterval how often the emitted watermark is published
 * @param replicationFactor the replication factor of the changelog topics
 * @param streamsOverrides further Kafka Streams properties
 * @param registryProperties schema registry settings ({@code schema.registry.url}, ...), as the
 *     sequencer's: with a registry URL the journal is read in either framing and reactions and
 *     emitted points are written in the schema registry wire format; without one, single-object
 *     encoding
 */
public record ReactorConfig(String bootstrapServers, String store, String name, Path stateDir,
        Duration commitInterval, Duration publishInterval, int replicationFactor, Map<String, String> streamsOverrides,
        Map<String, String> registryProperties) {

    /** The default commit interval: short, because {@code waitFor(EMITTED)} waits for a commit. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);
    /** The default interval between emitted-watermark publications. */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(20);
    /** The default state directory. */
    public static final Path DEFAULT_STATE_DIR = Path.of(".batpak", "reactor-state");

    /**
     * Validates.
     *
     * @throws StoreConfigException naming the invalid setting
     */
    public ReactorConfig {
        JournalAppChecks.check("reactor", bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
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

    /** The application id: {@code <store>.reactors.<name>}. */
    public String applicationId() {
        return store + ".reactors." + name;
    }

    /** A builder with defaults. */
    public static Builder builder(String bootstrapServers, String store, String name) {
        return new Builder(bootstrapServers, store, name);
    }

    /** Builds a {@link ReactorConfig}. */
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
        public ReactorConfig build() {
            return new ReactorConfig(bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
                    replicationFactor, overrides, registry);
        }
    }
}
