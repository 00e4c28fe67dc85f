package dev.batpak.kafka.projection;

import java.util.Objects;

/**
 * An entity's projected state with the position it reflects and its version.
 *
 * @param entity the entity
 * @param state the state after every relevant event up to {@code position}
 * @param position the last event folded into the state
 * @param version how many events have been folded into the state (1 after the first); it
 *     changes exactly when the state may have changed, so {@code projectIfChanged} compares it
 * @param <S> the state type
 */
public record Projected<S>(String entity, S state, ProjectionPosition position, long version) {

    /** Validates. */
    public Projected {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(position, "position");
        if (version < 1) {
            throw new IllegalArgumentException("a projected state has folded at least one event, version " + version);
        }
    }
}
