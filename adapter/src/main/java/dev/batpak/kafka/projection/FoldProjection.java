package dev.batpak.kafka.projection;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/** The projection {@link Projection#of} builds from its parts. */
record FoldProjection<S>(String name, int schemaVersion, S initialState, Set<EventKind> relevantKinds,
        StateCodec<S> codec, BiFunction<S, StoredEvent, S> fold) implements Projection<S> {

    FoldProjection {
        ProjectionNames.validate(name);
        Objects.requireNonNull(initialState, "initialState");
        relevantKinds = Set.copyOf(relevantKinds);
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(fold, "fold");
    }

    @Override
    public S apply(S state, StoredEvent event) {
        return fold.apply(state, event);
    }
}
