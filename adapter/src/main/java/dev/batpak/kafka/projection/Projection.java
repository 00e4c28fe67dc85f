package dev.batpak.kafka.projection;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A projection: a fold of one entity's visible events into a state, materialized by the
 * streams app ({@code ProjectionApp}) in a RocksDB store keyed by entity.
 *
 * <p>{@link #apply} must be a pure, deterministic function of the state and the event: the
 * journal is replayed into it on every rebuild, and two rebuilds must give equal states. It
 * must not read clocks, random numbers or anything outside its arguments.
 *
 * <p>Changing {@link #schemaVersion()} (because the state's shape or the fold changed) rebuilds
 * the projection from the journal under a new application id; the old state is never decoded
 * by the new code.
 *
 * @param <S> the state type
 */
public interface Projection<S> {

    /**
     * The projection's name: non-empty, at most 64 characters of {@code [a-zA-Z0-9_-]} (it is
     * part of store and application ids).
     */
    String name();

    /** The schema version of the state and the fold; a change rebuilds the projection. */
    int schemaVersion();

    /** The state of an entity before its first relevant event. */
    S initialState();

    /** The state after {@code event}; pure and deterministic. */
    S apply(S state, StoredEvent event);

    /**
     * The kinds this projection folds; events of other kinds are skipped (they still advance
     * the applied watermark). An empty set means every kind except system kinds (denials).
     */
    Set<EventKind> relevantKinds();

    /** How the state is stored. */
    StateCodec<S> codec();

    /** True when this projection folds events of {@code kind}. */
    default boolean isRelevant(EventKind kind) {
        Set<EventKind> kinds = relevantKinds();
        return kinds.isEmpty() ? !kind.isSystem() : kinds.contains(kind);
    }

    /**
     * A projection from its parts: the usual way to write one whose fold is a lambda.
     *
     * @param name see {@link #name()}
     * @param schemaVersion see {@link #schemaVersion()}
     * @param initialState see {@link #initialState()}
     * @param relevantKinds see {@link #relevantKinds()}
     * @param codec see {@link #codec()}
     * @param fold the pure, deterministic {@link #apply} function
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if the name is invalid
     */
    static <S> Projection<S> of(String name, int schemaVersion, S initialState, Set<EventKind> relevantKinds,
            StateCodec<S> codec, BiFunction<S, StoredEvent, S> fold) {
        return new FoldProjection<>(name, schemaVersion, initialState, relevantKinds, codec, fold);
    }
}
