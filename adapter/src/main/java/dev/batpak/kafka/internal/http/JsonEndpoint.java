package dev.batpak.kafka.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON-over-HTTP endpoint of the streams app (graph, query): the checked base URI, a timeout
 * per request and blocking GETs. The typed clients turn failures into their own exceptions.
 */
public final class JsonEndpoint {

    /** An answer: the status and the body, with the URI asked. */
    public record Response(URI uri, int status, String body) {}

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    private JsonEndpoint(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * The endpoint at {@code base}, without a trailing slash.
     *
     * @param what the endpoint's name for messages ("graph", "query")
     * @param invalid makes the client's exception for an invalid URI or timeout from a message
     */
    public static JsonEndpoint of(URI base, Duration timeout, String what, Function<String, RuntimeException> invalid) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(timeout, "timeout");
        if (!base.isAbsolute() || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw invalid.apply("the " + what + " endpoint must be an http:// or https:// URI such as"
                    + " http://localhost:8181, got '" + base + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw invalid.apply("the timeout must be positive, got " + timeout);
        }
        String text = base.toString();
        return new JsonEndpoint(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text), timeout);
    }

    /**
     * GETs {@code path} with the URL-encoded {@code params}.
     *
     * @param failed makes the client's exception, from a message and a cause, when the endpoint
     *     cannot be reached or the call is interrupted
     */
    public Response get(String path, Map<String, String> params, BiFunction<String, Throwable, RuntimeException> failed) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(uri, response.statusCode(), response.body());
        } catch (IOException e) {
            throw failed.apply("could not reach " + uri + ": " + e.getMessage()
                    + "; check that the streams app serves HTTP there", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed.apply("interrupted while querying " + uri, e);
        }
    }
}
