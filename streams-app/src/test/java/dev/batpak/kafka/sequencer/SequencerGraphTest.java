package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.graph.GraphStores;
import dev.batpak.kafka.graph.StoreCausalGraph;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.GraphNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequencer keeps the causal graph with its event index, and the queries read it. */
class SequencerGraphTest {

    @TempDir
    Path stateDir;

    @Test
    void everyJournalRecordIsAGraphNodeWithItsParentsChildrenAndCorrelation() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            Proposal root = proposal("order:1", "placed").build();
            Id16 group = root.getCorrelationId();
            Proposal child = proposal("pay:1", "charged").setCorrelationId(group).setCauses(List.of(root.getEventId()))
                    .build();
            Proposal grandchild = proposal("ship:1", "shipped").setCorrelationId(group)
                    .setCauses(List.of(child.getEventId(), root.getEventId())).build();
            Proposal denied = proposal("pay:1", "again").setCorrelationId(group).setKind(0x0005)
                    .setCauses(List.of(child.getEventId())).build();
            driver.send(root);
            driver.send(child);
            driver.send(grandchild);
            driver.send(denied);
            List<JournalEvent> journal = driver.journal();
            assertEquals(4, journal.size());
            JournalEvent denial = journal.get(3);
            assertEquals(DenialCodes.RESERVED_KIND, SequencerDriver.trace(denial).getCode());

            for (JournalEvent event : journal) {
                byte[] bytes = driver.store(GraphLayout.STORE).get(GraphLayout.nodeKey(event.getEventId().bytes()));
                assertNotNull(bytes, "every journal record is a node, denials too");
                GraphNode node = GraphNode.decode(bytes);
                assertEquals(event.getHlc(), node.hlc());
                assertEquals(event.getClock(), node.clock());
                assertArrayEquals(event.getEventHash().bytes(), node.eventHash());
                assertArrayEquals(event.getPrevHash().bytes(), node.prevHash());
                assertEquals(event.getCauses().size(), node.parents().size());
            }

            StoreCausalGraph graph = new StoreCausalGraph(GraphStores.of(List.of(driver.store(GraphLayout.STORE))));
            EventId rootId = EventId.fromBytes(root.getEventId().bytes());
            EventId childId = EventId.fromBytes(child.getEventId().bytes());
            EventId grandchildId = EventId.fromBytes(grandchild.getEventId().bytes());
            EventId denialId = EventId.fromBytes(denial.getEventId().bytes());

            assertEquals(List.of(childId, grandchildId), ids(graph.causalDescendants(rootId, 10).events()));
            assertEquals(List.of(childId, rootId), ids(graph.causalAncestors(grandchildId, 10).events()));
            assertEquals(List.of(rootId, childId, grandchildId, denialId),
                    ids(graph.correlation(CorrelationId.fromBytes(group.bytes()), 10).events()),
                    "the correlation group shows its denials, in HLC order");
            AncestorWalk walk = graph.walkAncestors(denialId, 10);
            assertEquals(List.of(denialId, childId), ids(walk.events()), "a denial is chained on its stream");
            assertInstanceOf(WalkBoundary.ReachedGenesis.class, walk.boundary());
            assertEquals(CausalOrder.BEFORE, graph.happenedBefore(rootId, grandchildId));
            assertEquals(CausalOrder.AFTER, graph.happenedBefore(denialId, childId));
            assertEquals(CausalOrder.CONCURRENT, graph.happenedBefore(denialId, grandchildId),
                    "a denial names no parents; HLC order alone is not causality");
        }
    }

    private static List<EventId> ids(List<GraphEvent> events) {
        return events.stream().map(GraphEvent::eventId).toList();
    }
}
