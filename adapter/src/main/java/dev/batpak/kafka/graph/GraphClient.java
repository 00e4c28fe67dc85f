package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link CausalGraph} over the streams app's HTTP graph endpoint ({@code GET /graph/...}, see
 * {@code docs/causal-graph.md}). Blocking, with a timeout per request; errors the endpoint reports
 * come back as {@link GraphException} with the endpoint's code.
 */
public final class GraphClient implements CausalGraph {

    /** The default timeout of one request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private GraphClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * A client of the endpoint at {@code base} (for example {@code http://localhost:8181}).
     *
     * @throws GraphException {@code INVALID_QUERY} if the URI is not an absolute http(s) URI
     */
    public static GraphClient of(URI base, Duration timeout) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        if (!base.isAbsolute() || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new GraphException(GraphException.INVALID_QUERY, "the graph endpoint must be an http:// or https://"
                    + " URI such as http://localhost:8181, got '" + base + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new GraphException(GraphException.INVALID_QUERY, "the timeout must be positive, got " + timeout);
        }
        String text = base.toString();
        return new GraphClient(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), timeout);
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
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + "?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraphException(GraphException.QUERY_FAILED, "could not reach the graph endpoint " + uri
                    + ": " + e.getMessage() + "; check that the streams app serves HTTP there", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.QUERY_FAILED, "interrupted while querying " + uri, e);
        }
        if (response.statusCode() == 200) {
            return response.body();
        }
        throw GraphJson.readError(response.body()).orElseGet(() -> new GraphException(GraphException.QUERY_FAILED,
                "the graph endpoint answered HTTP " + response.statusCode() + " for " + uri + ": " + response.body()));
    }
}
