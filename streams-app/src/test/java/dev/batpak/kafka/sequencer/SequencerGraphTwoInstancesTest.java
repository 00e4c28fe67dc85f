package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.graph.GraphException;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.StoreNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances on one broker, one lane each: either instance answers graph queries
 * for the whole store, reading the other's lane through its endpoint.
 */
class SequencerGraphTwoInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    @Test
    void eitherInstanceAnswersForBothLanes() throws Exception {
        int portA = freePort();
        int portB = freePort();
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("seq-graph2"), 2);
                SequencerApp a = new SequencerApp(store.config(stateA)
                        .streamsOverride(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + portA).build());
                SequencerApp b = new SequencerApp(store.config(stateB)
                        .streamsOverride(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + portB).build())) {
            a.start(WAIT);
            b.start(WAIT);
            GraphHttpServer serverA = a.serveGraph(new InetSocketAddress("127.0.0.1", portA));
            GraphHttpServer serverB = b.serveGraph(new InetSocketAddress("127.0.0.1", portB));
            Conditions.await(WAIT, "each instance owns one lane", () -> activeTasks(a) == 1 && activeTasks(b) == 1);

            String onLane0 = entityOn(0, "order");
            String onLane1 = entityOn(1, "payment");
            Proposal root = proposal(onLane0, "placed").build();
            Proposal payment = proposal(onLane1, "charged").setCorrelationId(root.getCorrelationId())
                    .setCauses(List.of(root.getEventId())).build();
            Proposal shipped = proposal(onLane0, "shipped").setCorrelationId(root.getCorrelationId())
                    .setCauses(List.of(payment.getEventId())).build();
            for (Proposal p : List.of(root, payment, shipped)) {
                store.send(p).get();
            }
            Conditions.await(WAIT, "three journal records", () -> store.journal().size() == 3);
            List<JournalEvent> journal = store.journal();
            assertNotEquals(journal.get(0).getLane(), journal.get(1).getLane(), "the saga crosses lanes");

            EventId rootId = EventId.fromBytes(root.getEventId().bytes());
            EventId paymentId = EventId.fromBytes(payment.getEventId().bytes());
            EventId shippedId = EventId.fromBytes(shipped.getEventId().bytes());
            CorrelationId group = CorrelationId.fromBytes(root.getCorrelationId().bytes());
            for (GraphHttpServer server : List.of(serverA, serverB)) {
                GraphClient client = GraphClient.of(server.uri());
                Conditions.await(WAIT, "instance on " + server.port() + " sees the whole saga", () -> {
                    try {
                        return client.correlation(group, 10).events().size() == 3;
                    } catch (GraphException e) {
                        return false;
                    }
                });
                assertEquals(java.util.Set.of(rootId, paymentId, shippedId),
                        java.util.Set.copyOf(ids(client.correlation(group, 10).events())));
                assertEquals(List.of(paymentId, shippedId), ids(client.causalDescendants(rootId, 10).events()));
                assertEquals(List.of(paymentId, rootId), ids(client.causalAncestors(shippedId, 10).events()));
                assertEquals(List.of(shippedId, rootId), ids(client.walkAncestors(shippedId, 10).events()));
                assertEquals(CausalOrder.BEFORE, client.happenedBefore(rootId, shippedId));
            }
        }
    }

    private static int activeTasks(SequencerApp app) {
        if (app.state() != KafkaStreams.State.RUNNING) {
            return -1;
        }
        return app.kafkaStreams().metadataForLocalThreads().stream().mapToInt(t -> t.activeTasks().size()).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String entityOn(int lane, String prefix) {
        for (int i = 0;; i++) {
            String entity = prefix + ":" + i;
            if (Utils.toPositive(Utils.murmur2(entity.getBytes(StandardCharsets.UTF_8))) % 2 == lane) {
                return entity;
            }
        }
    }

    private static List<EventId> ids(List<GraphEvent> events) {
        return events.stream().map(GraphEvent::eventId).toList();
    }
}
