package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.cursor.Cursor;
import dev.batpak.kafka.cursor.CursorAction;
import dev.batpak.kafka.cursor.Subscription;
import dev.batpak.kafka.cursor.Subscriptions;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.reactor.Reaction;
import dev.batpak.kafka.reactor.Reactor;
import dev.batpak.kafka.reactor.ReactorApp;
import dev.batpak.kafka.reactor.ReactorConfig;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.registry.InMemorySchemaRegistry;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projections, reactors, cursors and subscriptions on a store whose sequencer writes the schema
 * registry wire format (the JVM-local {@code mock://} registry): each decodes the framed journal
 * and frontier, and the applied and emitted points are written framed too.
 */
@ExtendWith(NoSilentSkips.class)
class RegistryFramedReadersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;
    private static final EventKind PING = EventKind.custom(5, 1);
    private static final EventKind PONG = EventKind.custom(5, 2);

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("framed");
    private final Map<String, String> registry = Map.of("schema.registry.url", "mock://" + store);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        InMemorySchemaRegistry.dropScope(store);
    }

    /** Answers every PING with a PONG on {@code pong:<entity>}. */
    private static final class Ponger implements Reactor {
        @Override
        public String name() {
            return "ponger";
        }

        @Override
        public Set<EventKind> relevantKinds() {
            return Set.of(PING);
        }

        @Override
        public List<Reaction> react(StoredEvent event) {
            return List.of(Reaction.of(Coordinate.of("pong:" + event.coordinate().entity(), "test"), PONG,
                    Payload.json("{}")));
        }
    }

    @Test
    void projectionsReactorsCursorsAndSubscriptionsReadARegistryFramedStore() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, LANES, (short) 1, Duration.ofSeconds(30));
        }
        SequencerConfig.Builder sequencerConfig = SequencerConfig.builder(bootstrap, store)
                .stateDir(tempDir.resolve("sequencer"));
        registry.forEach(sequencerConfig::registryProperty);
        SequencerApp sequencer = new SequencerApp(sequencerConfig.build());
        open.add(sequencer);
        sequencer.start(WAIT);
        EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(LANES)
                .kafkaProperties(Map.copyOf(registry)).build());
        open.add(events);
        ProjectionApp projections = new ProjectionApp(ProjectionConfig.builder(bootstrap, store, "counters")
                .stateDir(tempDir.resolve("projections")).registryProperties(registry).build(),
                List.of(CounterProjection.v1()));
        open.add(projections);
        assertTrue(projections.codecs().usesRegistry());
        projections.start(WAIT);
        ReactorApp reactors = new ReactorApp(ReactorConfig.builder(bootstrap, store, "pongs")
                .stateDir(tempDir.resolve("reactors")).registryProperties(registry).build(), List.of(new Ponger()));
        open.add(reactors);
        reactors.start(WAIT);
        Map<String, Object> consumerProps = new HashMap<>(registry);
        Subscriptions hub = Subscriptions.open(bootstrap, store, LANES, consumerProps, WAIT);
        open.add(hub);
        Subscription feed = hub.subscribe(Region.all().withKind(CounterProjection.INCREMENTED), 100);

        Coordinate counter = Coordinate.of("counter:framed", "test");
        AppendReceipt last = null;
        for (int i = 0; i < 3; i++) {
            last = events.append(counter, CounterProjection.INCREMENTED, Payload.json("{}"));
        }
        assertInstanceOf(Outcome.Committed.class, events.waitFor(last, Stage.APPLIED, WAIT),
                "PROPERTY: APPLIED is published over a registry-framed journal and frontier");
        Projected<Long> state = projections.project(CounterProjection.v1(), counter.entity()).orElseThrow();
        assertEquals(3L, state.state(), "every framed journal record was folded");
        assertEquals(3L, state.version());

        Outcome.Committed ping = assertInstanceOf(Outcome.Committed.class, events.waitFor(
                events.append(Coordinate.of("ping:1", "test"), PING, Payload.json("{}")), Stage.EMITTED, WAIT),
                "PROPERTY: EMITTED is published over a registry-framed journal and frontier");

        List<StoredEvent> pongs = new ArrayList<>();
        try (Cursor cursor = Cursor.open(bootstrap, store, LANES, "pong-reader", Region.all().withKind(PONG),
                consumerProps, WAIT)) {
            Conditions.await(WAIT, "the reaction is visible to a cursor", () -> {
                cursor.poll(Duration.ofMillis(200), event -> {
                    pongs.add(event);
                    return CursorAction.CONTINUE;
                });
                return !pongs.isEmpty();
            });
        }
        StoredEvent pong = pongs.get(0);
        assertEquals("pong:ping:1", pong.coordinate().entity());
        assertEquals(List.of(CausationId.of(ping.event().eventId())), pong.causes(), "caused by the source");
        assertEquals(ping.event().correlationId(), pong.correlationId(), "in the source's correlation");

        List<StoredEvent> fed = new ArrayList<>();
        Conditions.await(WAIT, "the subscription receives the framed events", () -> {
            feed.next(Duration.ofMillis(100)).ifPresent(fed::add);
            return fed.size() == 3;
        });
        assertFalse(feed.isDropped());

        assertAppliedAndEmittedPointsAreFramed();
    }

    /** The frontier points written by the projections and the reactors are in the registry wire format. */
    private void assertAppliedAndEmittedPointsAreFramed() {
        RecordCodecs codecs = RecordCodecs.create(registry, store);
        TopicPartition partition = new TopicPartition(StoreTopics.of(store).frontier(), 0);
        Map<dev.batpak.kafka.schemas.Stage, Integer> framed = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            while (reader.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    FrontierPoint point = codecs.frontierPoint().decode(record.value());
                    if (point.getStage() == dev.batpak.kafka.schemas.Stage.APPLIED
                            || point.getStage() == dev.batpak.kafka.schemas.Stage.EMITTED) {
                        assertEquals(0, record.value()[0], "PROPERTY: " + point.getStage()
                                + " points are registry-framed");
                        framed.merge(point.getStage(), 1, Integer::sum);
                    }
                }
            }
        }
        assertTrue(framed.containsKey(dev.batpak.kafka.schemas.Stage.APPLIED), framed.toString());
        assertTrue(framed.containsKey(dev.batpak.kafka.schemas.Stage.EMITTED), framed.toString());
    }
}
