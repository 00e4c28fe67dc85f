package dev.batpak.kafka.projection;

import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 */
public record ProjectionConfig(String bootstrapServers, String store, String name, Path stateDir,
        Duration commitInterval, Duration publishInterval, int replicationFactor, Map<String, String> streamsOverrides) {

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
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new StoreConfigException("bootstrap servers are required to run projections");
        }
        StoreTopics.validateStoreName(store);
        try {
            ProjectionNames.validate(name);
        } catch (ProjectionException e) {
            throw new StoreConfigException("the projection set's " + e.getMessage());
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

        /** The applied-watermark publication interval. */
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
        public ProjectionConfig build() {
            return new ProjectionConfig(bootstrapServers, store, name, stateDir, commitInterval, publishInterval,
                    replicationFactor, overrides);
        }
    }
}
