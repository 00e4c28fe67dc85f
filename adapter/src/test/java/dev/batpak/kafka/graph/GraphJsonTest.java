package dev.batpak.kafka.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The wire form of graph answers reads back to equal values; bad input is a typed error. */
class GraphJsonTest {

    private static final EventId A = EventId.of(new UUID(3, 1));
    private static final EventId B = EventId.of(new UUID(3, 2));
    private static final GraphEvent EVENT = new GraphEvent(B, 2, 9, HlcTimestamp.of(1_700_000_000_123L, 65_535),
            EventKind.SYSTEM_DENIAL, "acct:\"1\"", "scope/ü", CorrelationId.of(A), List.of(A, B), "0f".repeat(32),
            "00".repeat(32));

    @Test
    void everyAnswerRoundTrips() {
        for (WalkBoundary boundary : List.of(new WalkBoundary.ReachedGenesis(), new WalkBoundary.LimitReached(),
                new WalkBoundary.NoAnchor(), new WalkBoundary.MissingParent(A), new WalkBoundary.Cycle(B))) {
            AncestorWalk walk = new AncestorWalk(List.of(EVENT), boundary, Optional.of("w1:x"));
            assertEquals(walk, GraphJson.readWalk(GraphJson.walk(walk)));
        }
        for (CausalBoundary boundary : CausalBoundary.values()) {
            CausalWalk walk = new CausalWalk(List.of(EVENT, EVENT), boundary, List.of(A), Optional.empty());
            assertEquals(walk, GraphJson.readCausal(GraphJson.causal(walk)));
        }
        CorrelationPage page = new CorrelationPage(List.of(EVENT), Optional.of("c1:5:ab"));
        assertEquals(page, GraphJson.readCorrelation(GraphJson.correlation(page)));
        for (CausalOrder order : CausalOrder.values()) {
            assertEquals(order, GraphJson.readOrder(GraphJson.order(A, B, order)));
        }
        GraphException error = GraphJson.readError(GraphJson.error("UNKNOWN_EVENT", "gone")).orElseThrow();
        assertEquals("UNKNOWN_EVENT", error.code());
        assertEquals("gone", error.getMessage());
    }

    @Test
    void eventsKnowGenesisAndDenials() {
        assertTrue(EVENT.isGenesis());
        assertTrue(EVENT.isDenial());
        assertThrows(IllegalArgumentException.class, () -> new GraphEvent(A, 0, 0, HlcTimestamp.ZERO,
                EventKind.fromRaw(0x1001), "e", "s", CorrelationId.of(A), List.of(), "AB".repeat(32), "00".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> new GraphEvent(A, -1, 0, HlcTimestamp.ZERO,
                EventKind.fromRaw(0x1001), "e", "s", CorrelationId.of(A), List.of(), "ab".repeat(32), "00".repeat(32)));
    }

    @Test
    void malformedAnswersAreTypedErrors() {
        assertEquals(GraphException.QUERY_FAILED,
                assertThrows(GraphException.class, () -> GraphJson.readWalk("not json")).code());
        assertEquals(GraphException.QUERY_FAILED,
                assertThrows(GraphException.class, () -> GraphJson.readCausal("{\"events\":[]}")).code());
        assertEquals(GraphException.QUERY_FAILED, assertThrows(GraphException.class,
                () -> GraphJson.readWalk("{\"events\":[],\"boundary\":{\"type\":\"Elsewhere\"}}")).code());
        assertEquals(GraphException.QUERY_FAILED, assertThrows(GraphException.class,
                () -> GraphJson.readCorrelation("{\"events\":[{\"eventId\":\"nope\"}]}")).code());
        assertFalse(GraphJson.readError("<html>").isPresent());
    }

    @Test
    void clientsNeedAnHttpEndpoint() {
        assertEquals(GraphException.INVALID_QUERY,
                assertThrows(GraphException.class, () -> GraphClient.of(URI.create("localhost:8181"))).code());
        assertEquals(GraphException.INVALID_QUERY, assertThrows(GraphException.class,
                () -> GraphClient.of(URI.create("http://localhost:1"), java.time.Duration.ZERO)).code());
    }
}
