package dev.batpak.kafka.projection;

import java.util.Optional;

/**
 * Reads projected state: what a stateful gate in the sequencer, or any other reader, uses to
 * decide on the state a projection has folded (for example "the account's projected balance
 * covers this withdrawal"). The projection app implements it for the projections it runs.
 *
 * <p>The state is the projection's as of its {@link Projected#position() position}, which trails
 * the journal by the projection's commit interval: a command that must see an earlier event's
 * effect is proposed after {@code waitFor(receipt, APPLIED, timeout)} returned for that event.
 */
@FunctionalInterface
public interface ProjectionReader {

    /**
     * The state of {@code entity} in {@code projection}, with the position it reflects; empty
     * when no relevant event of the entity has been applied.
     *
     * @throws ProjectionException ({@code UNKNOWN_PROJECTION}) if the projection is not run by
     *     this reader, or ({@code PROJECTION_UNAVAILABLE}) if its state cannot be read now (retry)
     */
    <S> Optional<Projected<S>> project(Projection<S> projection, String entity);
}
