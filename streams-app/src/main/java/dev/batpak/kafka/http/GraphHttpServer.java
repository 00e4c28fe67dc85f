package dev.batpak.kafka.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.graph.CausalGraph;
import dev.batpak.kafka.graph.GraphException;
import dev.batpak.kafka.graph.GraphJson;
import dev.batpak.kafka.graph.GraphStores;
import dev.batpak.kafka.graph.RemoteGraphStore;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of the causal graph ({@code com.sun.net.httpserver}, JSON by {@link GraphJson}).
 *
 * <table>
 *   <caption>Routes (all GET)</caption>
 *   <tr><td>{@code /graph/walk?event=E&limit=N[&continuation=T]}</td><td>{@link CausalGraph#walkAncestors}</td></tr>
 *   <tr><td>{@code /graph/ancestors?event=E&limit=N[&continuation=T]}</td><td>{@link CausalGraph#causalAncestors}</td></tr>
 *   <tr><td>{@code /graph/descendants?event=E&limit=N[&continuation=T]}</td><td>{@link CausalGraph#causalDescendants}</td></tr>
 *   <tr><td>{@code /graph/correlation?id=C&limit=N[&continuation=T]}</td><td>{@link CausalGraph#correlation}</td></tr>
 *   <tr><td>{@code /graph/happened-before?a=E&b=E}</td><td>{@link CausalGraph#happenedBefore}</td></tr>
 * </table>
 *
 * <p>Started with the instance's local stores, it also serves {@code /graph/internal/get?key=HEX}
 * and {@code /graph/internal/range?from=HEX&to=HEX&limit=N} from those stores only: the raw reads
 * through which another instance answers for lanes it does not own
 * ({@link dev.batpak.kafka.graph.RemoteGraphStore}).
 *
 * <p>{@code limit} defaults to 100. Errors answer {@code {"error": CODE, "message": ...}}: 400 for
 * a malformed query, 404 for an unknown event, 503 while the stores are not queryable (retry),
 * 500 otherwise. Requests run on daemon threads that grow with demand, so a query waiting on
 * another instance never starves the internal routes that instance may be calling back.
 */
public final class GraphHttpServer implements AutoCloseable {

    /** The page size when a request names none. */
    public static final int DEFAULT_LIMIT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(GraphHttpServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<AutoCloseable> closeWith = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY Nagle's algorithm
        // and delayed ACKs add ~40 ms to every response, and a breadth-first walk over another
        // instance's stores makes one request per node. Read once, when the server class loads.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private GraphHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code graph} on {@code address} (port 0 picks a free port).
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static GraphHttpServer start(InetSocketAddress address, CausalGraph graph) {
        return start(address, graph, Optional.empty());
    }

    /**
     * Starts serving {@code graph} and, for other instances, the raw reads of {@code local}.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static GraphHttpServer start(InetSocketAddress address, CausalGraph graph, GraphStores local) {
        return start(address, graph, Optional.of(local));
    }

    private static GraphHttpServer start(InetSocketAddress address, CausalGraph graph, Optional<GraphStores> local) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the graph endpoint to " + address
                    + "; choose another port", e);
        }
        // not a fixed pool: a query of one instance waits on another's internal route, and two
        // instances doing that to each other with all threads busy would wait on each other
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "batpak-graph-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/graph/", exchange -> handle(exchange, uri -> answer(uri, graph)));
        local.ifPresent(stores -> server.createContext("/graph/internal/",
                exchange -> handle(exchange, uri -> internal(uri, stores))));
        server.start();
        return new GraphHttpServer(server, executor);
    }

    /** Also serves {@code handler} under {@code path} (for example the query routes, {@link QueryHttpHandler}). */
    public void addRoutes(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Closes {@code resource} when this server closes (after it stops serving), for example the query index. */
    public void closeWith(AutoCloseable resource) {
        closeWith.add(resource);
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URI for {@link dev.batpak.kafka.graph.GraphClient}, on the loopback address. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops accepting requests and waits up to a second for running ones. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable resource : closeWith) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} with the HTTP endpoint failed", resource, e);
            }
        }
    }

    private static void handle(HttpExchange exchange, Function<URI, String> route) throws IOException {
        JsonExchange.answer(exchange, route, e -> failure(exchange.getRequestURI(), e));
    }

    private static JsonExchange.Failure failure(URI uri, RuntimeException thrown) {
        if (thrown == null) {
            return new JsonExchange.Failure(405, GraphJson.error(GraphException.INVALID_QUERY, "only GET is supported"));
        }
        if (thrown instanceof GraphException e) {
            int status = switch (e.code()) {
                case GraphException.UNKNOWN_EVENT -> 404;
                case GraphException.UNAVAILABLE -> 503;
                case GraphException.INVALID_QUERY, GraphException.SEARCH_LIMIT -> 400;
                default -> 500;
            };
            return new JsonExchange.Failure(status, GraphJson.error(e.code(), e.getMessage()));
        }
        if (thrown instanceof BatpakException e) {
            return new JsonExchange.Failure(400, GraphJson.error(GraphException.INVALID_QUERY, e.getMessage()));
        }
        LOG.warn("graph query {} failed", uri, thrown);
        return new JsonExchange.Failure(500, GraphJson.error(GraphException.QUERY_FAILED, "the query failed: " + thrown));
    }

    private static String answer(URI uri, CausalGraph graph) {
        Map<String, String> params = JsonExchange.params(uri.getRawQuery());
        String path = uri.getPath();
        return switch (path) {
            case "/graph/walk" -> GraphJson.walk(graph.walkAncestors(eventId(params, "event"), limit(params),
                    continuation(params)));
            case "/graph/ancestors" -> GraphJson.causal(graph.causalAncestors(eventId(params, "event"),
                    limit(params), continuation(params)));
            case "/graph/descendants" -> GraphJson.causal(graph.causalDescendants(eventId(params, "event"),
                    limit(params), continuation(params)));
            case "/graph/correlation" -> GraphJson.correlation(graph.correlation(correlationId(params),
                    limit(params), continuation(params)));
            case "/graph/happened-before" -> {
                EventId a = eventId(params, "a");
                EventId b = eventId(params, "b");
                yield GraphJson.order(a, b, graph.happenedBefore(a, b));
            }
            default -> throw new GraphException(GraphException.INVALID_QUERY, "no route " + path + "; use /graph/walk,"
                    + " /graph/ancestors, /graph/descendants, /graph/correlation or /graph/happened-before");
        };
    }

    /** The raw reads of this instance's own stores, for other instances. */
    private static String internal(URI uri, GraphStores local) {
        Map<String, String> params = JsonExchange.params(uri.getRawQuery());
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = local.lanes();
        ObjectNode answer = MAPPER.createObjectNode();
        switch (uri.getPath()) {
            case "/graph/internal/get" -> {
                Bytes key = Bytes.wrap(hex(params, "key"));
                answer.putNull("value");
                for (ReadOnlyKeyValueStore<Bytes, byte[]> store : stores) {
                    byte[] value = store.get(key);
                    if (value != null) {
                        answer.put("value", HEX.formatHex(value));
                        break;
                    }
                }
            }
            case "/graph/internal/range" -> {
                Bytes from = Bytes.wrap(hex(params, "from"));
                Bytes to = Bytes.wrap(hex(params, "to"));
                int limit = limit(params);
                if (limit < 1 || limit > RemoteGraphStore.PAGE) {
                    throw new GraphException(GraphException.INVALID_QUERY, "limit must be in 1.." + RemoteGraphStore.PAGE);
                }
                // merge the local lanes' ranges in key order, one page of them
                TreeMap<Bytes, byte[]> merged = new TreeMap<>();
                for (ReadOnlyKeyValueStore<Bytes, byte[]> store : stores) {
                    try (KeyValueIterator<Bytes, byte[]> range = store.range(from, to)) {
                        for (int taken = 0; range.hasNext() && taken <= limit; taken++) {
                            KeyValue<Bytes, byte[]> entry = range.next();
                            merged.put(entry.key, entry.value);
                        }
                    }
                }
                ArrayNode entries = answer.putArray("entries");
                int count = 0;
                for (Map.Entry<Bytes, byte[]> entry : merged.entrySet()) {
                    if (count++ == limit) {
                        break;
                    }
                    entries.addArray().add(HEX.formatHex(entry.getKey().get())).add(HEX.formatHex(entry.getValue()));
                }
                answer.put("more", merged.size() > limit);
            }
            default -> throw new GraphException(GraphException.INVALID_QUERY, "no internal route " + uri.getPath());
        }
        return answer.toString();
    }

    private static byte[] hex(Map<String, String> params, String name) {
        String text = required(params, name);
        try {
            return HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new GraphException(GraphException.INVALID_QUERY, "parameter '" + name + "' must be hex", e);
        }
    }

    private static String required(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new GraphException(GraphException.INVALID_QUERY, "parameter '" + name + "' is required");
        }
        return value;
    }

    private static EventId eventId(Map<String, String> params, String name) {
        String text = required(params, name);
        try {
            return EventId.parse(text);
        } catch (RuntimeException e) {
            throw new GraphException(GraphException.INVALID_QUERY, "parameter '" + name + "' must be an event id"
                    + " such as event:<32 hex>, got '" + text + "'", e);
        }
    }

    private static CorrelationId correlationId(Map<String, String> params) {
        String text = required(params, "id");
        try {
            return text.startsWith("event:") ? CorrelationId.of(EventId.parse(text)) : CorrelationId.parse(text);
        } catch (RuntimeException e) {
            throw new GraphException(GraphException.INVALID_QUERY, "parameter 'id' must be a correlation id such as"
                    + " correlation:<32 hex> (or the root's event:<32 hex>), got '" + text + "'", e);
        }
    }

    private static int limit(Map<String, String> params) {
        String text = params.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new GraphException(GraphException.INVALID_QUERY, "parameter 'limit' must be a number, got '"
                    + text + "'", e);
        }
    }

    private static Optional<String> continuation(Map<String, String> params) {
        return Optional.ofNullable(params.get("continuation")).filter(c -> !c.isEmpty());
    }
}
