package dev.batpak.kafka.graph;

import dev.batpak.kafka.BatpakException;

/**
 * A causal-graph query could not be answered. {@link #code()} says why:
 * {@value #UNKNOWN_EVENT}, {@value #INVALID_QUERY}, {@value #SEARCH_LIMIT},
 * {@value #UNAVAILABLE} or {@value #QUERY_FAILED}.
 */
public final class GraphException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** An event named by the query is not in the graph. */
    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    /** A parameter is malformed: an id, a limit out of range, a continuation of another query. */
    public static final String INVALID_QUERY = "INVALID_QUERY";
    /** {@code happenedBefore} visited more events than it may without an answer. */
    public static final String SEARCH_LIMIT = "GRAPH_SEARCH_LIMIT";
    /** The graph stores are not queryable now (starting, rebalancing): retry. */
    public static final String UNAVAILABLE = "GRAPH_UNAVAILABLE";
    /** The endpoint could not be reached or answered with something unexpected. */
    public static final String QUERY_FAILED = "GRAPH_QUERY_FAILED";

    /** An error with a code and what to do. */
    public GraphException(String code, String message) {
        super(code, message);
    }

    /** An error with a code, what to do and its cause. */
    public GraphException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
