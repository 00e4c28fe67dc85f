package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.http.JsonEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CausalGraph} over the streams app's HTTP graph endpoint ({@code GET /graph/...}, see
 * {@code docs/causal-graph.md}). Blocking, with a timeout per request; errors the endpoint reports
 * come back as {@link GraphException} with the endpoint's code.
 */
public final class GraphClient implements CausalGraph {

    /** The default timeout of one request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final JsonEndpoint endpoint;

    private GraphClient(JsonEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * A client of the endpoint at {@code base} (for example {@code http://localhost:8181}).
     *
     * @throws GraphException {@code INVALID_QUERY} if the URI is not an absolute http(s) URI
     */
    public static GraphClient of(URI base, Duration timeout) {
        return new GraphClient(JsonEndpoint.of(base, timeout, "graph",
                message -> new GraphException(GraphException.INVALID_QUERY, message)));
    }

    /** A client of {@code base} with {@link #DEFAULT_TIMEOUT}. */
    public static GraphClient of(URI base) {
        return of(base, DEFAULT_TIMEOUT);
    }

    @Override
    public AncestorWalk walkAncestors(EventId anchor, int limit, Optional<String> continuation) {
        return GraphJson.readWalk(get("/graph/walk", params("event", anchor.toString(), limit, continuation)));
    }

    @Override
    public CausalWalk causalAncestors(EventId event, int limit, Optional<String> continuation) {
        return GraphJson.readCausal(get("/graph/ancestors", params("event", event.toString(), limit, continuation)));
    }

    @Override
    public CausalWalk causalDescendants(EventId event, int limit, Optional<String> continuation) {
        return GraphJson.readCausal(get("/graph/descendants", params("event", event.toString(), limit, continuation)));
    }

    @Override
    public CorrelationPage correlation(CorrelationId correlationId, int limit, Optional<String> continuation) {
        return GraphJson.readCorrelation(get("/graph/correlation",
                params("id", correlationId.toString(), limit, continuation)));
    }

    @Override
    public CausalOrder happenedBefore(EventId a, EventId b) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("a", a.toString());
        params.put("b", b.toString());
        return GraphJson.readOrder(get("/graph/happened-before", params));
    }

    private static Map<String, String> params(String name, String id, int limit, Optional<String> continuation) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(name, id);
        params.put("limit", Integer.toString(limit));
        continuation.ifPresent(c -> params.put("continuation", c));
        return params;
    }

    private String get(String path, Map<String, String> params) {
        JsonEndpoint.Response response = endpoint.get(path, params,
                (message, cause) -> new GraphException(GraphException.QUERY_FAILED, message, cause));
        if (response.status() == 200) {
            return response.body();
        }
        throw GraphJson.readError(response.body()).orElseGet(() -> new GraphException(GraphException.QUERY_FAILED,
                "the graph endpoint answered HTTP " + response.status() + " for " + response.uri() + ": "
                        + response.body()));
    }
}
