package dev.batpak.kafka.cli.demo;

import java.util.Objects;

/**
 * A typed slot in the {@link DemoContext}, through which one step hands a value to a later one
 * (for example the proposal written, to the step that reads it back).
 *
 * @param name a name for error messages
 * @param type the type of the value
 * @param <T> the type of the value
 */
public record DemoKey<T>(String name, Class<T> type) {

    /** Validates the key. */
    public DemoKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A key named {@code name} for values of {@code type}. */
    public static <T> DemoKey<T> of(String name, Class<T> type) {
        return new DemoKey<>(name, type);
    }
}
