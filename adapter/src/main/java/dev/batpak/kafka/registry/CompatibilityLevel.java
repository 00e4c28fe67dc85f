package dev.batpak.kafka.registry;

import java.util.Arrays;
import java.util.Locale;

/**
 * A subject's compatibility level, as the Confluent API names it. It decides which new versions the
 * registry accepts: {@code BACKWARD} (the Confluent default) means readers using the new schema can
 * read data written with the previous one, which is what an event store needs, because old events
 * are never rewritten.
 */
public enum CompatibilityLevel {
    /** Any change is accepted. */
    NONE,
    /** The new schema reads data of the latest version. */
    BACKWARD,
    /** The new schema reads data of every earlier version. */
    BACKWARD_TRANSITIVE,
    /** The latest version reads data of the new schema. */
    FORWARD,
    /** Every earlier version reads data of the new schema. */
    FORWARD_TRANSITIVE,
    /** Both BACKWARD and FORWARD. */
    FULL,
    /** Both BACKWARD_TRANSITIVE and FORWARD_TRANSITIVE. */
    FULL_TRANSITIVE;

    /**
     * Reads a level as a registry writes it (case ignored).
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when the text is no known level
     */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            String normalized = text.trim().toUpperCase(Locale.ROOT);
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(normalized)) {
                    return level;
                }
            }
        }
        throw SchemaRegistryException.invalidConfig("unknown compatibility level '" + text + "'; use one of "
                + Arrays.toString(values()));
    }
}
