package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.CorrelationPage;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.graph.GraphException;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.StoreNames;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The causal graph of a running sequencer on a real broker, across two lanes, queried through
 * the HTTP endpoint with {@link GraphClient}.
 */
class SequencerGraphBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void aSagaAcrossLanesIsQueryableOverHttp() throws Exception {
        String onLane0 = entityOn(0, "order");
        String onLane1 = entityOn(1, "payment");
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("seq-graph"), 2);
                SequencerApp app = new SequencerApp(store.config(stateDir).build())) {
            app.start(WAIT);
            GraphHttpServer server = app.serveGraph(new InetSocketAddress("127.0.0.1", 0));
            GraphClient client = GraphClient.of(server.uri());

            Proposal root = proposal(onLane0, "placed").build();
            store.send(root).get();
            JournalEvent sealedRoot = awaitSealed(store, root);
            // the client observed the root before proposing its effect, as the adapter's clock does
            Proposal payment = proposal(onLane1, "charged").setCorrelationId(root.getCorrelationId())
                    .setCauses(List.of(root.getEventId())).setHlc(sealedRoot.getHlc()).build();
            store.send(payment).get();
            JournalEvent sealedPayment = awaitSealed(store, payment);
            Proposal shipped = proposal(onLane0, "shipped").setCorrelationId(root.getCorrelationId())
                    .setCauses(List.of(payment.getEventId())).setHlc(sealedPayment.getHlc()).build();
            store.send(shipped).get();
            JournalEvent sealedShipped = awaitSealed(store, shipped);

            assertNotEquals(sealedRoot.getLane(), sealedPayment.getLane(), "the saga crosses lanes");
            assertTrue(HlcTimestamp.fromPacked(sealedPayment.getHlc())
                    .compareTo(HlcTimestamp.fromPacked(sealedRoot.getHlc())) > 0, "effect after cause across lanes");
            assertTrue(HlcTimestamp.fromPacked(sealedShipped.getHlc())
                    .compareTo(HlcTimestamp.fromPacked(sealedPayment.getHlc())) > 0);

            EventId rootId = id(root);
            EventId paymentId = id(payment);
            EventId shippedId = id(shipped);
            CorrelationId group = CorrelationId.fromBytes(root.getCorrelationId().bytes());
            Conditions.await(WAIT, "the graph stores answer", () -> {
                try {
                    return client.correlation(group, 10).events().size() == 3;
                } catch (GraphException e) {
                    return false;
                }
            });
            CorrelationPage saga = client.correlation(group, 10);
            assertEquals(List.of(rootId, paymentId, shippedId), ids(saga.events()), "HLC order across lanes");
            assertEquals(List.of(paymentId, shippedId), ids(client.causalDescendants(rootId, 10).events()));
            assertEquals(List.of(paymentId, rootId), ids(client.causalAncestors(shippedId, 10).events()));
            AncestorWalk walk = client.walkAncestors(shippedId, 10);
            assertEquals(List.of(shippedId, rootId), ids(walk.events()), "the hash chain stays in its stream");
            assertInstanceOf(WalkBoundary.ReachedGenesis.class, walk.boundary());
            assertEquals(CausalOrder.BEFORE, client.happenedBefore(rootId, shippedId));
            assertEquals(CausalOrder.AFTER, client.happenedBefore(shippedId, paymentId));
            assertEquals(GraphException.UNKNOWN_EVENT,
                    org.junit.jupiter.api.Assertions.assertThrows(GraphException.class,
                            () -> client.happenedBefore(rootId, EventId.random())).code());
            assertEquals(Optional.empty(), saga.continuation());
        }
    }

    private static JournalEvent awaitSealed(BrokerFixture store, Proposal proposal) {
        Conditions.await(WAIT, "proposal " + id(proposal) + " is sealed", () -> store.journal().stream()
                .anyMatch(e -> e.getEventId().equals(proposal.getEventId())));
        return store.journal().stream().filter(e -> e.getEventId().equals(proposal.getEventId())).findFirst()
                .orElseThrow();
    }

    /** An entity name that Kafka's default partitioner puts on {@code lane} of two. */
    private static String entityOn(int lane, String prefix) {
        for (int i = 0;; i++) {
            String entity = prefix + ":" + i;
            if (Utils.toPositive(Utils.murmur2(entity.getBytes(StandardCharsets.UTF_8))) % 2 == lane) {
                return entity;
            }
        }
    }

    private static EventId id(Proposal proposal) {
        return EventId.fromBytes(proposal.getEventId().bytes());
    }

    private static List<EventId> ids(List<GraphEvent> events) {
        return events.stream().map(GraphEvent::eventId).toList();
    }
}
