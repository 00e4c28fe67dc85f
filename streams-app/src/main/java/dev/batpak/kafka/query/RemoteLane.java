package dev.batpak.kafka.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryJson;
import dev.batpak.kafka.read.StoredEvent;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A lane owned by another instance, read over that instance's internal query routes
 * ({@code /query/internal/scan}, {@code /query/internal/get}, {@code /query/internal/progress}),
 * which answer from its local stores only.
 */
public final class RemoteLane implements LaneSource {

    private final int lane;
    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** Lane {@code lane} behind the endpoint at {@code base} ({@code http://host:port}). */
    public RemoteLane(int lane, URI base, Duration timeout, HttpClient http) {
        this.lane = lane;
        this.base = base;
        this.timeout = timeout;
        this.http = http;
    }

    @Override
    public int lane() {
        return lane;
    }

    @Override
    public LaneScan scan(Region region, OptionalLong after, int limit) {
        Map<String, String> params = new LinkedHashMap<>(QueryJson.regionParams(region));
        params.put("lane", Integer.toString(lane));
        after.ifPresent(a -> params.put("after", Long.toString(a)));
        params.put("limit", Integer.toString(limit));
        return LaneScan.fromJson(call("/query/internal/scan", params));
    }

    @Override
    public Optional<StoredEvent> get(EventId id) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("lane", Integer.toString(lane));
        params.put("id", id.toString());
        JsonNode event = QueryJson.parse(call("/query/internal/get", params)).get("event");
        return event == null || event.isNull() ? Optional.empty() : Optional.of(QueryJson.readEvent(event));
    }

    @Override
    public long[] progress() {
        JsonNode node = QueryJson.parse(call("/query/internal/progress", Map.of("lane", Integer.toString(lane))));
        return new long[] {QueryJson.required(node, "next").asLong(), QueryJson.required(node, "skipped").asLong()};
    }

    private String call(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(base + path + "?" + query);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw QueryJson.readError(response.body()).map(e -> new QueryException(
                        QueryException.INVALID_QUERY.equals(e.code()) ? e.code() : QueryException.UNAVAILABLE,
                        "the instance at " + base + " owning lane " + lane + " answered: " + e.getMessage()))
                        .orElseGet(() -> new QueryException(QueryException.UNAVAILABLE, "the instance at " + base
                                + " owning lane " + lane + " answered HTTP " + response.statusCode() + "; retry"));
            }
            return response.body();
        } catch (IOException e) {
            throw new QueryException(QueryException.UNAVAILABLE, "could not read lane " + lane + " from the instance at "
                    + base + ": " + e.getMessage() + "; retry after the rebalance", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.UNAVAILABLE, "interrupted while reading " + uri, e);
        }
    }
}
