package dev.batpak.kafka.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a correlation group in HLC order (ties by event id).
 *
 * @param events the events of this page
 * @param continuation resumes after the last event of this page; empty when the group had no more
 */
public record CorrelationPage(List<GraphEvent> events, Optional<String> continuation) {

    /** Validates. */
    public CorrelationPage {
        events = List.copyOf(events);
        Objects.requireNonNull(continuation, "continuation");
    }
}
