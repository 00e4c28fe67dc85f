package dev.batpak.kafka.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an ancestry walk along the hash chain: the anchor first, then each predecessor,
 * newest to oldest.
 *
 * @param events the events of this page
 * @param boundary why the walk stopped
 * @param continuation resumes the walk after this page; present exactly when the boundary is
 *     {@link WalkBoundary.LimitReached}
 */
public record AncestorWalk(List<GraphEvent> events, WalkBoundary boundary, Optional<String> continuation) {

    /** Validates. */
    public AncestorWalk {
        events = List.copyOf(events);
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(continuation, "continuation");
    }
}
