package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.EventId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a breadth-first walk over causation edges (ancestors or descendants), nearest
 * first; the starting event itself is not included.
 *
 * @param events the events of this page, in breadth-first order
 * @param boundary why the walk stopped
 * @param missing parents named by a reached event that are not in the graph (only for ancestors)
 * @param continuation resumes the walk after this page; present exactly when the boundary is
 *     {@link CausalBoundary#LIMIT_REACHED}
 */
public record CausalWalk(List<GraphEvent> events, CausalBoundary boundary, List<EventId> missing,
        Optional<String> continuation) {

    /** Validates. */
    public CausalWalk {
        events = List.copyOf(events);
        Objects.requireNonNull(boundary, "boundary");
        missing = List.copyOf(missing);
        Objects.requireNonNull(continuation, "continuation");
    }
}
