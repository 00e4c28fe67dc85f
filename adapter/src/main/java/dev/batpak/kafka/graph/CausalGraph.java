package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.util.Optional;

/**
 * Queries over a store's causal graph. Every listing is bounded by a {@code limit} of at most
 * {@link #MAX_LIMIT} and resumed with the continuation token of the previous page, passed back
 * unchanged to the same query with the same subject.
 *
 * @see GraphClient the implementation over the streams app's HTTP endpoint
 */
public interface CausalGraph {

    /** The largest page a query returns. */
    int MAX_LIMIT = 1000;

    /**
     * Walks the hash chain from {@code anchor}: the anchor first, then its stream predecessors,
     * newest to oldest. The limit counts the anchor; 0 answers {@link WalkBoundary.NoAnchor}.
     *
     * @throws GraphException {@code INVALID_QUERY} for a limit outside {@code 0..MAX_LIMIT} or a
     *     foreign continuation
     */
    AncestorWalk walkAncestors(EventId anchor, int limit, Optional<String> continuation);

    /**
     * The causation ancestors of {@code event} (parents, their parents, ...), breadth first.
     *
     * @throws GraphException {@code INVALID_QUERY} for a limit outside {@code 1..MAX_LIMIT}
     */
    CausalWalk causalAncestors(EventId event, int limit, Optional<String> continuation);

    /**
     * The causation descendants of {@code event} (children, their children, ...), breadth first.
     *
     * @throws GraphException {@code INVALID_QUERY} for a limit outside {@code 1..MAX_LIMIT}
     */
    CausalWalk causalDescendants(EventId event, int limit, Optional<String> continuation);

    /**
     * The events of a correlation group, denials included, in HLC order.
     *
     * @throws GraphException {@code INVALID_QUERY} for a limit outside {@code 1..MAX_LIMIT}
     */
    CorrelationPage correlation(CorrelationId correlationId, int limit, Optional<String> continuation);

    /**
     * Whether {@code a} happened before {@code b}: {@link CausalOrder#BEFORE} when {@code a} is
     * reachable from {@code b} over causation parents and stream predecessors,
     * {@link CausalOrder#AFTER} for the reverse, else {@link CausalOrder#CONCURRENT}.
     *
     * @throws GraphException {@code UNKNOWN_EVENT} if either is not in the graph,
     *     {@code INVALID_QUERY} if they are the same event, {@code GRAPH_SEARCH_LIMIT} if the
     *     search would visit too many events
     */
    CausalOrder happenedBefore(EventId a, EventId b);

    /** The first page of {@link #walkAncestors(EventId, int, Optional)}. */
    default AncestorWalk walkAncestors(EventId anchor, int limit) {
        return walkAncestors(anchor, limit, Optional.empty());
    }

    /** The first page of {@link #causalAncestors(EventId, int, Optional)}. */
    default CausalWalk causalAncestors(EventId event, int limit) {
        return causalAncestors(event, limit, Optional.empty());
    }

    /** The first page of {@link #causalDescendants(EventId, int, Optional)}. */
    default CausalWalk causalDescendants(EventId event, int limit) {
        return causalDescendants(event, limit, Optional.empty());
    }

    /** The first page of {@link #correlation(CorrelationId, int, Optional)}. */
    default CorrelationPage correlation(CorrelationId correlationId, int limit) {
        return correlation(correlationId, limit, Optional.empty());
    }
}
