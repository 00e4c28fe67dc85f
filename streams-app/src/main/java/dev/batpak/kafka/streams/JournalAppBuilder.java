package dev.batpak.kafka.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings every journal-reading Streams application shares (projections, reactors): state
 * directory, commit and watermark-publication intervals, changelog replication, Kafka Streams
 * overrides and schema registry settings. The concrete builders add what is theirs and build.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class JournalAppBuilder<B extends JournalAppBuilder<B>> {

    /** The Kafka bootstrap servers. */
    protected final String bootstrapServers;
    /** The store whose journal is read. */
    protected final String store;
    /** The name of the set of projections or reactors. */
    protected final String name;
    /** The Kafka Streams state directory. */
    protected Path stateDir;
    /** The exactly-once commit interval. */
    protected Duration commitInterval;
    /** How often the watermark is published. */
    protected Duration publishInterval;
    /** The replication factor of the changelog topics. */
    protected int replicationFactor = 1;
    /** Further Kafka Streams properties. */
    protected final Map<String, String> overrides = new TreeMap<>();
    /** Schema registry settings. */
    protected final Map<String, String> registry = new TreeMap<>();

    /** A builder with the given identity and defaults. */
    protected JournalAppBuilder(String bootstrapServers, String store, String name, Path stateDir,
            Duration commitInterval, Duration publishInterval) {
        this.bootstrapServers = bootstrapServers;
        this.store = store;
        this.name = name;
        this.stateDir = stateDir;
        this.commitInterval = commitInterval;
        this.publishInterval = publishInterval;
    }

    /** This builder, typed as the concrete builder. */
    protected abstract B self();

    /** The state directory. */
    public B stateDir(Path value) {
        this.stateDir = value;
        return self();
    }

    /** The commit interval. */
    public B commitInterval(Duration value) {
        this.commitInterval = value;
        return self();
    }

    /** The watermark publication interval. */
    public B publishInterval(Duration value) {
        this.publishInterval = value;
        return self();
    }

    /** The changelog replication factor. */
    public B replicationFactor(int value) {
        this.replicationFactor = value;
        return self();
    }

    /** A Kafka Streams property. */
    public B streamsOverride(String key, String value) {
        overrides.put(key, value);
        return self();
    }

    /**
     * A schema registry setting, e.g. {@code schema.registry.url} (see
     * {@link dev.batpak.kafka.streams.internal.JournalAppChecks#isRegistryKey}).
     */
    public B registryProperty(String key, String value) {
        registry.put(key, value);
        return self();
    }

    /** Every schema registry setting of {@code properties}, e.g. the sequencer's. */
    public B registryProperties(Map<String, String> properties) {
        registry.putAll(properties);
        return self();
    }
}
