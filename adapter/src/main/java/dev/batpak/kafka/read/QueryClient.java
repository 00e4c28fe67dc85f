package dev.batpak.kafka.read;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.http.JsonEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Region queries over the streams app's HTTP query endpoint ({@code GET /query/...}, see
 * {@code docs/queries.md}). Blocking, with a timeout per request; errors the endpoint reports
 * come back as {@link QueryException} with the endpoint's code, an unknown event as
 * {@link EventNotFoundException}. Thread-safe.
 *
 * <p>Pages hold only visible events (committed to the journal and indexed), in commit order per
 * lane and {@code (hlc, lane)} order across lanes; see {@link QueryPage}. The index trails the
 * journal: to read your own write, {@link #awaitIndexed} the event first.
 */
public final class QueryClient {

    /** The default timeout of one request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest page the endpoint serves; larger limits are refused. */
    public static final int MAX_LIMIT = 1000;
    /** The code the endpoint answers for an unknown event, that of {@link EventNotFoundException}. */
    static final String NOT_FOUND = "NOT_FOUND";
    private static final long POLL_NANOS = 10_000_000L;

    private final JsonEndpoint endpoint;

    private QueryClient(JsonEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * A client of the endpoint at {@code base} (for example {@code http://localhost:8181}).
     *
     * @throws QueryException {@code INVALID_QUERY} if the URI is not an absolute http(s) URI or the
     *     timeout is not positive
     */
    public static QueryClient of(URI base, Duration timeout) {
        return new QueryClient(JsonEndpoint.of(base, timeout, "query",
                message -> new QueryException(QueryException.INVALID_QUERY, message)));
    }

    /** A client of {@code base} with {@link #DEFAULT_TIMEOUT}. */
    public static QueryClient of(URI base) {
        return of(base, DEFAULT_TIMEOUT);
    }

    /**
     * The first page of {@code region}.
     *
     * @throws QueryException {@code INVALID_QUERY} if {@code limit} is outside {@code 1..}{@link #MAX_LIMIT}
     */
    public QueryPage query(Region region, int limit) {
        return queryAfter(region, QueryPosition.start(), limit);
    }

    /**
     * The page of {@code region} after {@code position} (exclusive).
     *
     * @throws QueryException {@code INVALID_QUERY} if {@code limit} is outside {@code 1..}{@link #MAX_LIMIT}
     */
    public QueryPage queryAfter(Region region, QueryPosition position, int limit) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(position, "position");
        checkLimit(limit);
        Map<String, String> params = new LinkedHashMap<>(QueryJson.regionParams(region));
        params.put("after", position.encode());
        params.put("limit", Integer.toString(limit));
        return QueryJson.readPage(get("/query/events", params));
    }

    /**
     * The visible event with {@code id}, found through the index.
     *
     * @throws EventNotFoundException if no indexed event has the id (yet)
     */
    public StoredEvent get(EventId id) {
        Objects.requireNonNull(id, "id");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("id", id.toString());
        try {
            return QueryJson.readEventText(get("/query/event", params));
        } catch (QueryException e) {
            if (NOT_FOUND.equals(e.code())) {
                throw new EventNotFoundException(id);
            }
            throw e;
        }
    }

    /** How far the index has read each lane. */
    public IndexStatus status() {
        return QueryJson.readStatus(get("/query/status", Map.of()));
    }

    /**
     * Waits until the index holds {@code event} (a committed or denial event of this store, as
     * {@code waitFor(receipt, VISIBLE)} returns it), so that queries from now on see it:
     * read-your-writes for region queries. Polls {@link #status()}, riding out an endpoint that is
     * still starting.
     *
     * @throws QueryException {@code QUERY_INDEX_TIMEOUT} if the index has not reached the event
     *     within {@code timeout}
     */
    public void awaitIndexed(StoredEvent event, Duration timeout) {
        Objects.requireNonNull(event, "event");
        long deadline = System.nanoTime() + timeout.toNanos();
        QueryException last = null;
        while (true) {
            try {
                if (status().hasIndexed(event.lane(), event.journalOffset())) {
                    return;
                }
            } catch (QueryException e) {
                if (!QueryException.UNAVAILABLE.equals(e.code())) {
                    throw e;
                }
                last = e;
            }
            if (System.nanoTime() >= deadline) {
                throw new QueryException(QueryException.INDEX_TIMEOUT, "the query index did not reach journal offset "
                        + event.journalOffset() + " of lane " + event.lane() + " within " + timeout.toMillis() + " ms"
                        + (last == null ? "" : " (last: " + last.getMessage() + ")") + "; check /query/status", last);
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new QueryException(QueryException.FAILED, "interrupted while waiting for the query index");
            }
        }
    }

    /** Rejects limits outside {@code 1..MAX_LIMIT}. */
    static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException(QueryException.INVALID_QUERY, "limit must be in 1.." + MAX_LIMIT + ", got "
                    + limit + "; page with queryAfter for more");
        }
    }

    private String get(String path, Map<String, String> params) {
        JsonEndpoint.Response response = endpoint.get(path, params, (message, cause) -> cause instanceof IOException
                ? new QueryException(QueryException.UNAVAILABLE, message, cause)
                : new QueryException(QueryException.FAILED, message, cause));
        if (response.status() == 200) {
            return response.body();
        }
        throw QueryJson.readError(response.body()).orElseGet(() -> new QueryException(QueryException.FAILED,
                "the query endpoint answered HTTP " + response.status() + " for " + response.uri() + ": "
                        + response.body()));
    }
}
