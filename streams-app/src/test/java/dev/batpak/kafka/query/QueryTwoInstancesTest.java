package dev.batpak.kafka.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.QueryClient;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances, each indexing one lane: either instance answers a region query over
 * both lanes, reading the other's lane through its internal routes, with the same pages.
 */
@ExtendWith(NoSilentSkips.class)
class QueryTwoInstancesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    @Test
    void eitherInstanceAnswersForBothLanes() throws Exception {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        String store = StoreNames.unique("query2");
        int portA = freePort();
        int portB = freePort();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            StoreTopics.of(store).create(admin, 2, (short) 1, Duration.ofSeconds(30));
            SequencerConfig configA = SequencerConfig.builder(bootstrap, store).stateDir(stateA)
                    .streamsOverride(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + portA).build();
            SequencerConfig configB = SequencerConfig.builder(bootstrap, store).stateDir(stateB)
                    .streamsOverride(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + portB).build();
            try (SequencerApp a = new SequencerApp(configA); SequencerApp b = new SequencerApp(configB);
                    EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(2).build())) {
                a.start(WAIT);
                b.start(WAIT);
                GraphHttpServer serverA = a.serveGraph(new InetSocketAddress("127.0.0.1", portA));
                GraphHttpServer serverB = b.serveGraph(new InetSocketAddress("127.0.0.1", portB));
                String group = QueryIndexApp.applicationId(configA);
                Conditions.await(WAIT, "each index instance owns one lane", () -> oneLaneEach(admin, group));

                List<StoredEvent> written = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    Outcome outcome = events.waitFor(events.append(Coordinate.of("shop:" + i, i % 2 == 0 ? "eu" : "us"),
                            EventKind.custom(1, 1 + i % 3), Payload.json("{}")), Stage.VISIBLE, WAIT);
                    written.add(assertInstanceOf(Outcome.Committed.class, outcome).event());
                }
                assertEquals(2, written.stream().map(StoredEvent::lane).distinct().count(), "both lanes written");
                List<EventId> expected = written.stream().filter(e -> e.coordinate().scope().equals("eu"))
                        .sorted(Comparator.<StoredEvent>comparingLong(e -> e.hlc().packed())
                                .thenComparingInt(StoredEvent::lane))
                        .map(StoredEvent::eventId).toList();

                for (GraphHttpServer server : List.of(serverA, serverB)) {
                    QueryClient client = QueryClient.of(server.uri());
                    written.forEach(e -> client.awaitIndexed(e, WAIT));
                    List<EventId> read = new ArrayList<>();
                    QueryPosition position = QueryPosition.start();
                    for (int pages = 0;; pages++) {
                        assertTrue(pages < 20, "paging terminates");
                        QueryPage page = client.queryAfter(Region.scope("eu"), position, 2);
                        page.events().forEach(e -> read.add(e.eventId()));
                        position = page.next();
                        if (page.complete()) {
                            break;
                        }
                    }
                    assertEquals(expected, read, "instance on " + server.port() + " pages both lanes in order");
                    StoredEvent remote = written.get(written.size() - 1);
                    assertEquals(remote, client.get(remote.eventId()));
                }
            }
        }
    }

    private static boolean oneLaneEach(Admin admin, String group) {
        try {
            Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group).members();
            return members.size() == 2
                    && members.stream().allMatch(m -> m.assignment().topicPartitions().size() == 1);
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
