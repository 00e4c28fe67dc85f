package dev.batpak.kafka.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.cli.BatpakCommand;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.IndexStatus;
import dev.batpak.kafka.read.QueryClient;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Region queries against the real sequencer on the shared in-JVM broker, over two lanes, through
 * the streams app's HTTP endpoint and {@link QueryClient}.
 */
@ExtendWith(NoSilentSkips.class)
class QueryBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final EventKind PLACED = EventKind.custom(1, 1);
    private static final EventKind PAID = EventKind.custom(1, 2);
    private static final EventKind AUDITED = EventKind.custom(2, 1);
    private static final int PAGE = 3;

    @TempDir
    Path stateDir;

    @Test
    void regionsPageAcrossLanesInCommitAndHlcOrderEachEventOnce() throws Exception {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        String store = StoreNames.unique("query");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            StoreTopics.of(store).create(admin, 2, (short) 1, Duration.ofSeconds(30));
        }
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            // a record no codec can read, first on lane 0's journal: the index must skip it and go on
            raw.send(new ProducerRecord<>(StoreTopics.of(store).journal(), 0, null,
                    "not a journal event".getBytes(StandardCharsets.UTF_8))).get();
        }
        try (SequencerApp app = new SequencerApp(SequencerConfig.builder(bootstrap, store).stateDir(stateDir).build());
                EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(2).build())) {
            app.start(WAIT);
            GraphHttpServer server = app.serveGraph(new InetSocketAddress("127.0.0.1", 0));
            QueryClient client = QueryClient.of(server.uri());

            List<String> entities = List.of("tenant", "tenant:orders:1", "tenant:orders:2", "tenant:orders:3",
                    "tenant:billing", "tenantx", "other:1", "other:2");
            Set<Integer> lanesUsed = new HashSet<>();
            entities.forEach(e -> lanesUsed.add(events.laneOf(e)));
            assertEquals(Set.of(0, 1), lanesUsed, "the entities cover both lanes");

            List<StoredEvent> committed = new ArrayList<>();
            EventKind[] kinds = {PLACED, PAID, AUDITED};
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < entities.size(); i++) {
                    String scope = (i + round) % 2 == 0 ? "eu" : "us";
                    Outcome outcome = events.waitFor(events.append(Coordinate.of(entities.get(i), scope),
                            kinds[(i + round) % 3], Payload.json("{\"n\":" + round + "}")), Stage.VISIBLE, WAIT);
                    committed.add(assertInstanceOf(Outcome.Committed.class, outcome).event());
                }
            }
            Outcome.Denied denied = assertInstanceOf(Outcome.Denied.class, events.waitFor(events.append(
                    Coordinate.of("tenant:orders:1", "eu"), PLACED, Payload.json("{}"),
                    AppendOptions.none().expect(ExpectedSequence.of(99))), Stage.VISIBLE, WAIT));
            StoredEvent denial = denied.denialEvent();

            // read-your-writes: wait until the index has passed every event written
            List<StoredEvent> written = new ArrayList<>(committed);
            written.add(denial);
            IndexStatus status = Conditions.awaitValue(WAIT, "the index has passed every write", () -> {
                try {
                    IndexStatus now = client.status();
                    return written.stream().allMatch(e -> now.hasIndexed(e.lane(), e.journalOffset())) ? now : null;
                } catch (QueryException e) {
                    return null;
                }
            });
            assertEquals(1L, status.skipped().get(0), "the garbage record was skipped and counted");
            assertEquals(0L, status.skipped().get(1));

            check(client, Region.scope("eu"), committed, e -> e.coordinate().scope().equals("eu"));
            check(client, Region.all().withKind(PAID), committed, e -> e.kind().equals(PAID));
            check(client, Region.all().withCategory(2), committed, e -> e.kind().category() == 2);
            check(client, Region.entity("tenant"), committed, e -> !e.coordinate().entity().startsWith("tenantx")
                    && e.coordinate().entity().startsWith("tenant"));
            check(client, Region.entity("tenant:orders").withScope("us"), committed,
                    e -> e.coordinate().entity().startsWith("tenant:orders:") && e.coordinate().scope().equals("us"));
            check(client, Region.all().withLane(1), committed, e -> e.lane() == 1);
            check(client, Region.all(), committed, e -> true);
            List<StoredEvent> denials = check(client, Region.all().withKind(EventKind.SYSTEM_DENIAL), written,
                    e -> e.kind().equals(EventKind.SYSTEM_DENIAL));
            assertEquals(List.of(denial.eventId()), denials.stream().map(StoredEvent::eventId).toList());

            StoredEvent some = committed.get(5);
            StoredEvent got = client.get(some.eventId());
            assertEquals(some, got);
            assertEquals(some.payload(), got.payload());
            assertThrows(EventNotFoundException.class, () -> client.get(EventId.random()));
            QueryException badLimit = assertThrows(QueryException.class, () -> client.query(Region.all(), 0));
            assertEquals(QueryException.INVALID_QUERY, badLimit.code());
            QueryException noLane = assertThrows(QueryException.class,
                    () -> client.query(Region.all().withLane(7), 5));
            assertEquals(QueryException.INVALID_QUERY, noLane.code());

            // the same through EventStore once it knows the endpoint; without one it says what to set
            try (EventStore withEndpoint = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(2)
                    .queryEndpoint(server.uri()).build())) {
                QueryPage page = withEndpoint.query(Region.entity("tenant:orders"), QueryClient.MAX_LIMIT);
                assertTrue(page.complete());
                assertEquals(client.query(Region.entity("tenant:orders"), QueryClient.MAX_LIMIT).events(),
                        page.events());
                QueryPage rest = withEndpoint.queryAfter(Region.entity("tenant:orders"), page.next(), 10);
                assertTrue(rest.events().isEmpty());
            }
            assertThrows(StoreConfigException.class, () -> events.query(Region.all(), 10));

            // the CLI pages the same region and prints where to resume
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = BatpakCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("query",
                    "--endpoint", server.uri().toString(), "--entity", "tenant:orders", "--scope", "us", "--json");
            assertEquals(0, exit, err.toString());
            List<String> lines = out.toString().lines().toList();
            List<StoredEvent> usOrders = client.query(Region.entity("tenant:orders").withScope("us"), 100).events();
            assertEquals(usOrders.size() + 1, lines.size(), out.toString());
            for (int i = 0; i < usOrders.size(); i++) {
                assertTrue(lines.get(i).contains(usOrders.get(i).eventId().toString()), lines.get(i));
            }
            assertTrue(lines.get(lines.size() - 1).contains("\"complete\":true"), out.toString());
            assertThrows(StoreConfigException.class, () -> StoreConfig.builder(bootstrap, store)
                    .queryEndpoint(URI.create("ftp://host")).build());
        }
    }

    /**
     * Pages {@code region} {@link #PAGE} at a time and checks it against {@code expectedOf}
     * selected from {@code written}: each once, per-lane commit order, (hlc, lane) order,
     * limits respected and an exclusive resume at the end.
     */
    private static List<StoredEvent> check(QueryClient client, Region region, List<StoredEvent> written,
            Predicate<StoredEvent> expectedOf) {
        List<StoredEvent> read = new ArrayList<>();
        QueryPosition position = QueryPosition.start();
        for (int pages = 0;; pages++) {
            assertTrue(pages <= written.size() + 2, "paging " + region + " terminates");
            QueryPage page = client.queryAfter(region, position, PAGE);
            assertTrue(page.events().size() <= PAGE, "limit respected");
            read.addAll(page.events());
            position = page.next();
            if (page.complete()) {
                break;
            }
        }
        List<EventId> expected = written.stream().filter(expectedOf)
                .sorted(Comparator.<StoredEvent>comparingLong(e -> e.hlc().packed()).thenComparingInt(StoredEvent::lane))
                .map(StoredEvent::eventId).toList();
        assertEquals(expected, read.stream().map(StoredEvent::eventId).toList(), region + " in (hlc, lane) order");
        assertTrue(!expected.isEmpty(), region + " selects something, or the check proves nothing");
        Map<Integer, Long> last = new HashMap<>();
        for (StoredEvent event : read) {
            Long previous = last.put(event.lane(), event.journalOffset());
            assertTrue(previous == null || previous < event.journalOffset(), "commit order in lane " + event.lane());
        }
        QueryPage after = client.queryAfter(region, QueryPosition.parse(position.encode()), PAGE);
        assertTrue(after.events().isEmpty() && after.complete(), "resuming after the last page is exclusive");
        return read;
    }
}
