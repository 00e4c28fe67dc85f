package dev.batpak.kafka.streams.internal;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The validation the journal-reading applications' configurations share. */
public final class JournalAppChecks {

    private JournalAppChecks() {}

    /**
     * Checks the settings every journal-reading application has.
     *
     * @param role what runs, for messages ("projection", "reactor")
     * @throws StoreConfigException naming the invalid setting
     */
    public static void check(String role, String bootstrapServers, String store, String name, Path stateDir,
            Duration commitInterval, Duration publishInterval, int replicationFactor) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new StoreConfigException("bootstrap servers are required to run a " + role + " set");
        }
        StoreTopics.validateStoreName(store);
        try {
            ProjectionNames.validate(name);
        } catch (ProjectionException e) {
            throw new StoreConfigException("the " + role + " set's " + e.getMessage());
        }
        Objects.requireNonNull(stateDir, "stateDir");
        for (Duration d : new Duration[] {commitInterval, publishInterval}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new StoreConfigException("the " + role + " set's intervals must be positive, got " + d);
            }
        }
        if (replicationFactor < 1) {
            throw new StoreConfigException("the replication factor must be at least 1, got " + replicationFactor);
        }
    }

    /** An immutable, sorted copy of {@code overrides}. */
    public static Map<String, String> sortedCopy(Map<String, String> overrides) {
        return Map.copyOf(new TreeMap<>(overrides));
    }

    /**
     * An immutable copy of {@code properties} after checking that every key is a registry setting.
     *
     * @throws StoreConfigException naming the first key that is not
     */
    public static Map<String, String> registrySettings(Map<String, String> properties) {
        Map<String, String> copy = sortedCopy(properties);
        for (String key : copy.keySet()) {
            if (!isRegistryKey(key)) {
                throw new StoreConfigException("'" + key + "' is not a schema registry setting; registry settings are"
                        + " schema.registry.*, basic.auth.*, auto.register.schemas and *.subject.name.strategy");
            }
        }
        return copy;
    }

    /**
     * True for the settings that configure the schema registry client (Confluent's names, as the
     * sequencer reads them).
     */
    public static boolean isRegistryKey(String key) {
        return key.startsWith("schema.registry.") || key.startsWith("basic.auth.")
                || key.equals("auto.register.schemas") || key.equals("value.subject.name.strategy")
                || key.equals("key.subject.name.strategy");
    }
}
