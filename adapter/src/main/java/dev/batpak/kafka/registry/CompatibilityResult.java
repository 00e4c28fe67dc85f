package dev.batpak.kafka.registry;

import java.util.List;

/**
 * The registry's verdict on whether a schema could be registered under a subject now.
 *
 * @param compatible true when the registry would accept it
 * @param messages the registry's explanations (may be empty; registries differ in detail)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    /** Copies the messages. */
    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
