package dev.batpak.kafka.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.query.LocalLane;
import dev.batpak.kafka.query.QueryIndexApp;
import dev.batpak.kafka.query.QueryService;
import dev.batpak.kafka.query.StreamsLanes;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryJson;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP routes of region queries, served on the graph endpoint's port ({@link GraphHttpServer}).
 * JSON by {@link QueryJson}; see {@code docs/queries.md}.
 *
 * <table>
 *   <caption>Routes (all GET)</caption>
 *   <tr><td>{@code /query/events?<region>&limit=N[&after=POSITION]}</td><td>a page of the region</td></tr>
 *   <tr><td>{@code /query/event?id=E}</td><td>one indexed event (404 {@code NOT_FOUND} if absent)</td></tr>
 *   <tr><td>{@code /query/status}</td><td>how far each lane's index has read</td></tr>
 * </table>
 *
 * <p>The region parameters are {@code entity}, {@code scope}, {@code kind} or {@code category},
 * {@code clock} and {@code lane} ({@link QueryJson#readRegion}). {@code limit} defaults to
 * {@link #DEFAULT_LIMIT} and is at most {@link QueryService#MAX_LIMIT}. The internal routes
 * {@code /query/internal/scan}, {@code /query/internal/get} and {@code /query/internal/progress}
 * answer one lane from this instance's stores only; other instances call them for the lanes this
 * one owns. Errors answer {@code {"error": CODE, "message": ...}}: 400 for a malformed query, 404
 * for an unknown event, 503 while a lane cannot be queried (retry), 500 otherwise.
 */
public final class QueryHttpHandler implements HttpHandler {

    /** The page size when a request names none. */
    public static final int DEFAULT_LIMIT = 100;
    /** How long a query waits for another instance's lane. */
    public static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(QueryHttpHandler.class);

    private final QueryService service;

    /** Routes answered by {@code service}. */
    public QueryHttpHandler(QueryService service) {
        this.service = service;
    }

    /**
     * Starts the query index beside the sequencer configured by {@code config}
     * ({@link QueryIndexApp}), serves its routes on {@code server} and stops it when the server
     * closes. With {@code application.server} set, lanes indexed by other instances are read over
     * their endpoints, which must be that host and port.
     */
    public static void install(GraphHttpServer server, SequencerConfig config) {
        Optional<HostInfo> self = Optional.ofNullable(config.streamsOverrides()
                .get(StreamsConfig.APPLICATION_SERVER_CONFIG)).map(HostInfo::buildFromEndpoint);
        QueryIndexApp index = QueryIndexApp.start(config);
        server.closeWith(index);
        server.addRoutes("/query/", new QueryHttpHandler(new QueryService(new StreamsLanes(index.kafkaStreams(),
                config.store(), SequencerApp.streamsProperties(config), self, PEER_TIMEOUT))));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        JsonExchange.answer(exchange, this::answer, e -> failure(exchange.getRequestURI(), e));
    }

    private static JsonExchange.Failure failure(URI uri, RuntimeException thrown) {
        if (thrown == null) {
            return new JsonExchange.Failure(405, QueryJson.error(QueryException.INVALID_QUERY, "only GET is supported"));
        }
        if (thrown instanceof EventNotFoundException notFound) {
            return new JsonExchange.Failure(404, QueryJson.error(notFound.code(), notFound.getMessage()));
        }
        if (thrown instanceof QueryException e) {
            int status = switch (e.code()) {
                case QueryException.INVALID_QUERY -> 400;
                case QueryException.UNAVAILABLE -> 503;
                default -> 500;
            };
            return new JsonExchange.Failure(status, QueryJson.error(e.code(), e.getMessage()));
        }
        if (thrown instanceof BatpakException e) {
            return new JsonExchange.Failure(400, QueryJson.error(QueryException.INVALID_QUERY, e.getMessage()));
        }
        LOG.warn("query {} failed", uri, thrown);
        return new JsonExchange.Failure(500, QueryJson.error(QueryException.FAILED, "the query failed: " + thrown));
    }

    private String answer(URI uri) {
        Map<String, String> params = JsonExchange.params(uri.getRawQuery());
        String path = uri.getPath();
        return switch (path) {
            case "/query/events" -> {
                Region region = QueryJson.readRegion(params);
                String after = params.get("after");
                QueryPosition position = after == null || after.isEmpty() ? QueryPosition.start()
                        : QueryPosition.parse(after);
                yield QueryJson.page(service.page(region, position, limit(params)));
            }
            case "/query/event" -> QueryJson.eventText(service.get(eventId(params)));
            case "/query/status" -> QueryJson.status(service.status());
            case "/query/internal/scan" -> {
                int limit = limit(params);
                QueryService.checkLimit(limit);
                LocalLane lane = service.local(lane(params));
                String after = params.get("after");
                OptionalLong from = after == null ? OptionalLong.empty() : OptionalLong.of(number(after, "after"));
                yield lane.scan(QueryJson.readRegion(params), from, limit).toJson();
            }
            case "/query/internal/get" -> {
                Optional<StoredEvent> event = service.local(lane(params)).get(eventId(params));
                ObjectNode node = QueryJson.object();
                if (event.isPresent()) {
                    node.set("event", QueryJson.event(event.get()));
                } else {
                    node.putNull("event");
                }
                yield QueryJson.write(node);
            }
            case "/query/internal/progress" -> {
                long[] progress = service.local(lane(params)).progress();
                ObjectNode node = QueryJson.object();
                node.put("next", progress[0]);
                node.put("skipped", progress[1]);
                yield QueryJson.write(node);
            }
            default -> throw new QueryException(QueryException.INVALID_QUERY, "no route " + path
                    + "; use /query/events, /query/event or /query/status");
        };
    }

    private static EventId eventId(Map<String, String> params) {
        String text = params.get("id");
        if (text == null || text.isEmpty()) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter 'id' is required");
        }
        try {
            return EventId.parse(text);
        } catch (RuntimeException e) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter 'id' must be an event id such as"
                    + " event:<32 hex>, got '" + text + "'", e);
        }
    }

    private static int lane(Map<String, String> params) {
        String text = params.get("lane");
        if (text == null) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter 'lane' is required");
        }
        long lane = number(text, "lane");
        if (lane > Integer.MAX_VALUE) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter 'lane' is too large: " + text);
        }
        return (int) lane;
    }

    private static int limit(Map<String, String> params) {
        String text = params.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        long limit = number(text, "limit");
        return limit > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) limit;
    }

    private static long number(String text, String name) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter '" + name + "' must be a non-negative"
                    + " number, got '" + text + "'", e);
        }
    }
}
