package dev.batpak.kafka.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalGraph;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.CausalWalk;
import dev.batpak.kafka.graph.CorrelationPage;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.graph.GraphException;
import dev.batpak.kafka.graph.StoreCausalGraph;
import dev.batpak.kafka.graph.GraphStores;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The endpoint and {@link GraphClient} agree with the graph they serve, errors included. */
class GraphHttpServerTest {

    private static final EventId A = EventId.of(new UUID(1, 1));
    private static final EventId B = EventId.of(new UUID(1, 2));
    private static final GraphEvent EVENT_B = new GraphEvent(B, 3, 7, HlcTimestamp.of(1_700_000_000_000L, 4),
            EventKind.fromRaw(0x1001), "acct:1", "test", CorrelationId.of(A), List.of(A), "ab".repeat(32),
            "cd".repeat(32));

    /** A graph with canned answers, so the wire mapping is checked field by field. */
    private static final CausalGraph CANNED = new CausalGraph() {
        @Override
        public AncestorWalk walkAncestors(EventId anchor, int limit, Optional<String> continuation) {
            if (!anchor.equals(B)) {
                return new AncestorWalk(List.of(), new WalkBoundary.NoAnchor(), Optional.empty());
            }
            return continuation.isEmpty()
                    ? new AncestorWalk(List.of(EVENT_B), new WalkBoundary.LimitReached(), Optional.of("w1:next"))
                    : new AncestorWalk(List.of(EVENT_B), new WalkBoundary.MissingParent(B), Optional.empty());
        }

        @Override
        public CausalWalk causalAncestors(EventId event, int limit, Optional<String> continuation) {
            return new CausalWalk(List.of(EVENT_B), dev.batpak.kafka.graph.CausalBoundary.COMPLETE, List.of(A),
                    Optional.empty());
        }

        @Override
        public CausalWalk causalDescendants(EventId event, int limit, Optional<String> continuation) {
            if (limit > 5) {
                throw new GraphException(GraphException.UNAVAILABLE, "rebalancing");
            }
            return new CausalWalk(List.of(), dev.batpak.kafka.graph.CausalBoundary.LIMIT_REACHED, List.of(),
                    Optional.of("b1:" + limit));
        }

        @Override
        public CorrelationPage correlation(CorrelationId correlationId, int limit, Optional<String> continuation) {
            return new CorrelationPage(List.of(EVENT_B, EVENT_B), Optional.of("c1:1:" + continuation.orElse("x")));
        }

        @Override
        public CausalOrder happenedBefore(EventId a, EventId b) {
            if (!a.equals(A)) {
                throw new GraphException(GraphException.UNKNOWN_EVENT, a + " is unknown");
            }
            return CausalOrder.BEFORE;
        }
    };

    @Test
    void everyQueryRoundTrips() {
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), CANNED)) {
            GraphClient client = GraphClient.of(server.uri());
            AncestorWalk first = client.walkAncestors(B, 1);
            assertEquals(CANNED.walkAncestors(B, 1), first);
            assertEquals(CANNED.walkAncestors(B, 1, first.continuation()), client.walkAncestors(B, 1, first.continuation()));
            assertEquals(new WalkBoundary.NoAnchor(), client.walkAncestors(A, 1).boundary());
            assertEquals(CANNED.causalAncestors(B, 9), client.causalAncestors(B, 9));
            assertEquals(CANNED.causalDescendants(B, 3), client.causalDescendants(B, 3));
            assertEquals(CANNED.correlation(CorrelationId.of(A), 2, Optional.of("c1:a b&c")),
                    client.correlation(CorrelationId.of(A), 2, Optional.of("c1:a b&c")));
            assertEquals(CausalOrder.BEFORE, client.happenedBefore(A, B));
        }
    }

    @Test
    void errorsKeepTheirCodesAndStatuses() throws Exception {
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), CANNED)) {
            GraphClient client = GraphClient.of(server.uri());
            assertEquals(GraphException.UNKNOWN_EVENT,
                    assertThrows(GraphException.class, () -> client.happenedBefore(B, A)).code());
            assertEquals(GraphException.UNAVAILABLE,
                    assertThrows(GraphException.class, () -> client.causalDescendants(B, 50)).code());
            assertEquals(404, status(server, "/graph/happened-before?a=" + B + "&b=" + A));
            assertEquals(503, status(server, "/graph/descendants?event=" + B + "&limit=50"));
            assertEquals(400, status(server, "/graph/walk"));
            assertEquals(400, status(server, "/graph/walk?event=nonsense"));
            assertEquals(400, status(server, "/graph/walk?event=" + B + "&limit=many"));
            assertEquals(400, status(server, "/graph/elsewhere"));
        }
    }

    @Test
    void anUnreachableEndpointIsATypedError() {
        GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), CANNED);
        URI gone = server.uri();
        server.close();
        GraphException e = assertThrows(GraphException.class, () -> GraphClient.of(gone).happenedBefore(A, B));
        assertEquals(GraphException.QUERY_FAILED, e.code());
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
        assertEquals(GraphException.INVALID_QUERY,
                assertThrows(GraphException.class, () -> GraphClient.of(URI.create("ftp://x"))).code());
    }

    @Test
    void servesTheStoreGraph() {
        StoreCausalGraph empty = new StoreCausalGraph(GraphStores.of(List.of()));
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), empty)) {
            GraphClient client = GraphClient.of(server.uri());
            assertEquals(new WalkBoundary.NoAnchor(), client.walkAncestors(A, 5).boundary());
            assertEquals(GraphException.INVALID_QUERY,
                    assertThrows(GraphException.class, () -> client.causalAncestors(A, 0)).code());
        }
    }

    private static int status(GraphHttpServer server, String pathAndQuery) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"error\""), response.body());
        return response.statusCode();
    }
}
