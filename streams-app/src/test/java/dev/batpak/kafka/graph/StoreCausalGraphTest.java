package dev.batpak.kafka.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.sequencer.state.GraphNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreCausalGraphTest {

    /** A saga over two lanes: order (lane 0) causes payment (lane 1) and stock (lane 0); both cause ship (lane 1). */
    private static GraphFixture saga() {
        GraphFixture f = new GraphFixture(2);
        f.add("order", "order:1", 0, 100, "order");
        f.add("payment", "pay:1", 1, 200, "order", "order");
        f.add("stock", "stock:1", 0, 150, "order", "order");
        f.add("ship", "ship:1", 1, 300, "order", "payment", "stock");
        return f;
    }

    @Test
    void walkFollowsTheHashChainAnchorFirstToGenesis() {
        GraphFixture f = new GraphFixture(1);
        for (int i = 0; i < 5; i++) {
            f.add("e" + i, "acct:1", 0, 10 + i, "e0");
        }
        AncestorWalk walk = f.graph().walkAncestors(f.id("e4"), 10);
        assertEquals(List.of("e4", "e3", "e2", "e1", "e0"), f.names(walk.events()));
        assertInstanceOf(WalkBoundary.ReachedGenesis.class, walk.boundary());
        assertEquals(Optional.empty(), walk.continuation());

        AncestorWalk middle = f.graph().walkAncestors(f.id("e2"), 10);
        assertEquals(List.of("e2", "e1", "e0"), f.names(middle.events()), "a walk from the middle excludes descendants");
        AncestorWalk genesis = f.graph().walkAncestors(f.id("e0"), 10);
        assertEquals(List.of("e0"), f.names(genesis.events()));
        assertInstanceOf(WalkBoundary.ReachedGenesis.class, genesis.boundary());
    }

    @Test
    void walkPagesWithContinuations() {
        GraphFixture f = new GraphFixture(1);
        for (int i = 0; i < 5; i++) {
            f.add("e" + i, "acct:1", 0, 10 + i, "e0");
        }
        StoreCausalGraph graph = f.graph();
        List<String> seen = new ArrayList<>();
        AncestorWalk page = graph.walkAncestors(f.id("e4"), 2);
        int pages = 1;
        seen.addAll(f.names(page.events()));
        while (page.boundary() instanceof WalkBoundary.LimitReached) {
            page = graph.walkAncestors(f.id("e4"), 2, page.continuation());
            seen.addAll(f.names(page.events()));
            pages++;
        }
        assertEquals(List.of("e4", "e3", "e2", "e1", "e0"), seen);
        assertEquals(3, pages);
        assertInstanceOf(WalkBoundary.ReachedGenesis.class, page.boundary());
    }

    @Test
    void walkBoundaries() {
        GraphFixture f = new GraphFixture(1);
        f.add("a", "acct:1", 0, 1, "a");
        assertInstanceOf(WalkBoundary.NoAnchor.class, f.graph().walkAncestors(f.id("a"), 0).boundary());
        assertInstanceOf(WalkBoundary.NoAnchor.class, f.graph().walkAncestors(f.id("unknown"), 5).boundary());

        byte[] dangling = Blake3.hash("never indexed".getBytes(StandardCharsets.UTF_8));
        f.put("orphan", new GraphNode(0, 7, 5, GraphFixture.KIND, "acct:2", "test",
                Blake3.hash("orphan".getBytes(StandardCharsets.UTF_8)), dangling, f.id("orphan").toBytes(), List.of()));
        AncestorWalk missing = f.graph().walkAncestors(f.id("orphan"), 5);
        assertEquals(new WalkBoundary.MissingParent(f.id("orphan")), missing.boundary());
        assertEquals(List.of("orphan"), f.names(missing.events()));

        byte[] hashX = Blake3.hash("x".getBytes(StandardCharsets.UTF_8));
        byte[] hashY = Blake3.hash("y".getBytes(StandardCharsets.UTF_8));
        f.put("x", new GraphNode(0, 1, 8, GraphFixture.KIND, "loop", "test", hashX, hashY, f.id("x").toBytes(), List.of()));
        f.put("y", new GraphNode(0, 0, 9, GraphFixture.KIND, "loop", "test", hashY, hashX, f.id("x").toBytes(), List.of()));
        AncestorWalk cycle = f.graph().walkAncestors(f.id("x"), 10);
        assertEquals(new WalkBoundary.Cycle(f.id("x")), cycle.boundary());
        assertEquals(List.of("x", "y"), f.names(cycle.events()));
    }

    @Test
    void causalAncestorsAndDescendantsAreBreadthFirstAcrossLanes() {
        GraphFixture f = saga();
        CausalWalk up = f.graph().causalAncestors(f.id("ship"), 10);
        assertEquals(List.of("payment", "stock", "order"), f.names(up.events()));
        assertEquals(CausalBoundary.COMPLETE, up.boundary());
        CausalWalk down = f.graph().causalDescendants(f.id("order"), 10);
        // children in HLC order across lanes: stock (150, lane 0) before payment (200, lane 1)
        assertEquals(List.of("stock", "payment", "ship"), f.names(down.events()));
        assertEquals("ship", f.names(down.events()).get(2), "the grandchild comes after both children");
        assertEquals(CausalBoundary.COMPLETE, down.boundary());
        assertEquals(CausalBoundary.COMPLETE, f.graph().causalDescendants(f.id("ship"), 10).boundary());
        assertTrue(f.graph().causalAncestors(f.id("order"), 10).events().isEmpty());
        assertEquals(CausalBoundary.NO_ANCHOR, f.graph().causalAncestors(f.id("nope"), 10).boundary());
    }

    @Test
    void causalWalksPage() {
        GraphFixture f = saga();
        StoreCausalGraph graph = f.graph();
        CausalWalk first = graph.causalAncestors(f.id("ship"), 2);
        assertEquals(CausalBoundary.LIMIT_REACHED, first.boundary());
        assertEquals(List.of("payment", "stock"), f.names(first.events()));
        CausalWalk second = graph.causalAncestors(f.id("ship"), 2, first.continuation());
        assertEquals(List.of("order"), f.names(second.events()));
        assertEquals(CausalBoundary.COMPLETE, second.boundary());
        CausalWalk exact = graph.causalAncestors(f.id("ship"), 3);
        assertEquals(CausalBoundary.COMPLETE, exact.boundary(), "a page that holds the rest exactly is the last");
    }

    @Test
    void causalAncestorsReportParentsThatAreNotInTheGraph() {
        GraphFixture f = saga();
        f.add("late", "late:1", 0, 400, "order", "ship", "ghost");
        CausalWalk up = f.graph().causalAncestors(f.id("late"), 10);
        assertEquals(List.of(f.id("ghost")), up.missing());
        assertEquals(List.of("ship", "payment", "stock", "order"), f.names(up.events()));
    }

    @Test
    void correlationIsInHlcOrderAcrossLanesAndPages() {
        GraphFixture f = saga();
        f.add("other", "x:1", 1, 120, "other");
        CorrelationId group = CorrelationId.of(f.id("order"));
        CorrelationPage all = f.graph().correlation(group, 10);
        assertEquals(List.of("order", "stock", "payment", "ship"), f.names(all.events()));
        assertEquals(Optional.empty(), all.continuation());

        List<String> paged = new ArrayList<>();
        CorrelationPage page = f.graph().correlation(group, 1);
        paged.addAll(f.names(page.events()));
        while (page.continuation().isPresent()) {
            page = f.graph().correlation(group, 1, page.continuation());
            paged.addAll(f.names(page.events()));
        }
        assertEquals(List.of("order", "stock", "payment", "ship"), paged);
    }

    @Test
    void happenedBeforeIsReachabilityNotHlcOrder() {
        GraphFixture f = saga();
        StoreCausalGraph graph = f.graph();
        assertEquals(CausalOrder.BEFORE, graph.happenedBefore(f.id("order"), f.id("ship")));
        assertEquals(CausalOrder.AFTER, graph.happenedBefore(f.id("ship"), f.id("order")));
        // stock (hlc 150) is earlier than payment (hlc 200) but neither caused the other
        assertEquals(CausalOrder.CONCURRENT, graph.happenedBefore(f.id("stock"), f.id("payment")));
        // same stream: the predecessor happened before
        f.add("order2", "order:1", 0, 500, "order2");
        assertEquals(CausalOrder.BEFORE, f.graph().happenedBefore(f.id("order"), f.id("order2")));
        assertEquals(CausalOrder.CONCURRENT, f.graph().happenedBefore(f.id("ship"), f.id("order2")));
    }

    @Test
    void badQueriesAreTypedErrors() {
        GraphFixture f = saga();
        StoreCausalGraph graph = f.graph();
        assertEquals(GraphException.UNKNOWN_EVENT,
                assertThrows(GraphException.class, () -> graph.happenedBefore(f.id("order"), f.id("nope"))).code());
        assertEquals(GraphException.INVALID_QUERY,
                assertThrows(GraphException.class, () -> graph.happenedBefore(f.id("order"), f.id("order"))).code());
        assertEquals(GraphException.INVALID_QUERY,
                assertThrows(GraphException.class, () -> graph.causalAncestors(f.id("ship"), 0)).code());
        assertEquals(GraphException.INVALID_QUERY,
                assertThrows(GraphException.class, () -> graph.walkAncestors(f.id("ship"), 1001)).code());
        assertEquals(GraphException.INVALID_QUERY, assertThrows(GraphException.class,
                () -> graph.walkAncestors(f.id("ship"), 5, Optional.of("b1:3"))).code());
        assertEquals(GraphException.INVALID_QUERY, assertThrows(GraphException.class,
                () -> graph.correlation(CorrelationId.of(f.id("order")), 5, Optional.of("c1:x:y"))).code());
        assertEquals(GraphException.INVALID_QUERY, assertThrows(GraphException.class,
                () -> graph.causalDescendants(f.id("order"), 5, Optional.of("b1:-1"))).code());
    }
}
