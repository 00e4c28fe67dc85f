package dev.batpak.kafka.reactor;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;

import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 */
public record ReactorConfig(String bootstrapServers, String store, String name, Path stateDir,
        Duration commitInterval, Duration publishInterval, int replicationFactor, Map<String, String> streamsOverrides) {

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
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new StoreConfigException("bootstrap servers are required to run reactors");
        }
        StoreTopics.validateStoreName(store);
        try {
            ProjectionNames.validate(name);
        } catch (ProjectionException e) {
            throw new StoreConfigException("the reactor set's " + e.getMessage());
        }
        Objects.requireNonNull(stateDir, "stateDir");
        for (Duration d : new Duration[] {commitInterval, publishInterval}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new StoreConfigException("projection intervals must be positive, got " + d);
            }
        }
        if (replicationFactor < 1) {
            throw new StoreConfigException("the replication factor must be at least 1, got " + replicationFactor);
        }
        streamsOverrides = Map.copyOf(new TreeMap<>(streamsOverrides));
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
    public static final class Builder {

        private final String bootstrapServers;
        private final String store;
        private final String name;
        private Path stateDir = DEFAULT_STATE_DIR;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
        private int replicationFactor = 1;
        private final Map<String, String> overrides = new TreeMap<>();

        private Builder(String bootstrapServers, String store, String name) {
            this.bootstrapServers = bootstrapServers;
            this.store = store;
            this.name = name;
        }

        /** The state directory. */
        public Builder stateDir(Path value) {
            this.stateDir = value;
            return this;
        }

        /** The commit interval. */
        public Builder commitInterval(Duration value) {
            this.commitInterval = value;
            return this;
        }

        /** The emitted-watermark publication interval. */
        public Builder publishInterval(Duration value) {
            this.publishInterval = value;
            return this;
        }

        /** The changelog replication factor. */
        public Builder replicationFactor(int value) {
            this.replicationFactor = value;
            return this;
        }

        /** A Kafka Streams property. */
        public Builder streamsOverride(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /**
         * The configuration.
         *
         * @throws StoreConfigException naming the invalid setting
         */
        public ReactorConfig build() {
            return new ReactorConfig(bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
                    replicationFactor, overrides);
        }
    }
}
