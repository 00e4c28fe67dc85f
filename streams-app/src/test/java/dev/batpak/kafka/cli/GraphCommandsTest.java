package dev.batpak.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalBoundary;
import dev.batpak.kafka.graph.CausalGraph;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.CausalWalk;
import dev.batpak.kafka.graph.CorrelationPage;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.graph.GraphException;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code batpak walk}, {@code batpak graph} and {@code batpak correlation} against a served graph. */
class GraphCommandsTest {

    private static final EventId A = EventId.of(new UUID(7, 1));
    private static final EventId B = EventId.of(new UUID(7, 2));
    private static final EventId C = EventId.of(new UUID(7, 3));
    private static final GraphEvent EA = event(A, "order:1", 0, 0, List.of());
    private static final GraphEvent EB = event(B, "pay:1", 1, 0, List.of(A));
    private static final GraphEvent EC = event(C, "order:1", 0, 1, List.of(B, A));

    private static GraphEvent event(EventId id, String entity, int lane, long clock, List<EventId> parents) {
        return new GraphEvent(id, lane, clock, HlcTimestamp.of(1_700_000_000_000L + id.value().getLeastSignificantBits(), 0),
                EventKind.fromRaw(0x1001), entity, "shop", CorrelationId.of(A), parents, "11".repeat(32),
                clock == 0 ? "00".repeat(32) : "22".repeat(32));
    }

    /** A three-event saga, paging one event at a time so the commands must follow continuations. */
    private static final CausalGraph SAGA = new CausalGraph() {
        @Override
        public AncestorWalk walkAncestors(EventId anchor, int limit, Optional<String> continuation) {
            return continuation.isEmpty()
                    ? new AncestorWalk(List.of(EC), new WalkBoundary.LimitReached(), Optional.of("w1:next"))
                    : new AncestorWalk(List.of(EA), new WalkBoundary.ReachedGenesis(), Optional.empty());
        }

        @Override
        public CausalWalk causalAncestors(EventId event, int limit, Optional<String> continuation) {
            if (!event.equals(C)) {
                return new CausalWalk(List.of(), event.equals(A) ? CausalBoundary.COMPLETE : CausalBoundary.NO_ANCHOR,
                        List.of(), Optional.empty());
            }
            return new CausalWalk(List.of(EB, EA), CausalBoundary.COMPLETE, List.of(), Optional.empty());
        }

        @Override
        public CausalWalk causalDescendants(EventId event, int limit, Optional<String> continuation) {
            return continuation.isEmpty()
                    ? new CausalWalk(List.of(EB), CausalBoundary.LIMIT_REACHED, List.of(), Optional.of("b1:1"))
                    : new CausalWalk(List.of(EC), CausalBoundary.COMPLETE, List.of(), Optional.empty());
        }

        @Override
        public CorrelationPage correlation(CorrelationId correlationId, int limit, Optional<String> continuation) {
            int at = continuation.map(Integer::parseInt).orElse(0);
            List<GraphEvent> all = List.of(EA, EB, EC);
            return new CorrelationPage(List.of(all.get(at)),
                    at + 1 < all.size() ? Optional.of(Integer.toString(at + 1)) : Optional.empty());
        }

        @Override
        public CausalOrder happenedBefore(EventId a, EventId b) {
            throw new GraphException(GraphException.UNKNOWN_EVENT, "unused");
        }
    };

    @Test
    void walkPrintsJsonPagesAndFollowsContinuationsWithAll() {
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), SAGA)) {
            Cli.Run one = Cli.run("walk", C.toString(), "--graph", server.uri().toString(), "--limit", "1");
            assertEquals(0, one.exitCode(), one.toString());
            assertEquals(1, one.outLines().size(), one.toString());
            assertTrue(one.out().contains("\"LimitReached\""), one.out());
            Cli.Run all = Cli.run("walk", C.toString(), "--graph", server.uri().toString(), "--all");
            assertEquals(2, all.outLines().size(), all.toString());
            assertTrue(all.lastOutLine().contains("\"ReachedGenesis\"") && all.lastOutLine().contains(A.toString()),
                    all.out());
        }
    }

    @Test
    void graphPrintsAncestorsAndAReadableTree() {
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), SAGA)) {
            Cli.Run run = Cli.run("graph", A.toString(), "--graph", server.uri().toString());
            assertEquals(0, run.exitCode(), run.toString());
            List<String> lines = run.outLines();
            assertEquals("ancestors (nearest first):", lines.get(0));
            assertEquals("  (none: a root)", lines.get(1));
            assertEquals("tree:", lines.get(2));
            assertEquals("  " + A, lines.get(3));
            assertTrue(lines.get(4).startsWith("  ├─ " + B + "  pay:1@shop"), run.out());
            assertTrue(lines.get(5).startsWith("  │  └─ " + C + "  order:1@shop"), run.out());
            assertTrue(lines.get(6).startsWith("  └─ " + C) && lines.get(6).endsWith("(see above)"), run.out());
            Cli.Run unknown = Cli.run("graph", EventId.random().toString(), "--graph", server.uri().toString());
            assertEquals(1, unknown.exitCode(), unknown.toString());
        }
    }

    @Test
    void correlationListsTheGroupInOrder() {
        try (GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), SAGA)) {
            Cli.Run run = Cli.run("correlation", CorrelationId.of(A).toString(), "--graph", server.uri().toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(3, run.outLines().size(), run.out());
            assertTrue(run.outLines().get(0).startsWith(A.toString()), run.out());
            assertTrue(run.outLines().get(2).startsWith(C.toString()), run.out());
            Cli.Run byRoot = Cli.run("correlation", A.toString(), "--graph", server.uri().toString(), "--max", "2");
            assertEquals(3, byRoot.outLines().size(), byRoot.out());
            assertTrue(byRoot.lastOutLine().startsWith("... more events"), byRoot.out());
        }
    }

    @Test
    void anUnreachableEndpointIsAJsonError() {
        GraphHttpServer server = GraphHttpServer.start(new InetSocketAddress("127.0.0.1", 0), SAGA);
        String gone = server.uri().toString();
        server.close();
        Cli.Run run = Cli.run("walk", A.toString(), "--graph", gone, "--timeout", "2s");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("\"error\":\"GRAPH_QUERY_FAILED\""), run.err());
    }
}
