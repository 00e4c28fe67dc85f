package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testing.RunningStore;
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
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Projections on the real in-JVM broker with the real sequencer and EventStore. */
@ExtendWith(NoSilentSkips.class)
class ProjectionAppBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;
    private static final List<String> ENTITIES = List.of("counter:a", "counter:b", "counter:c", "counter:d");

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("proj");
    private EventStore events;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void startStore() {
        RunningStore running = RunningStore.start(bootstrap, store, LANES, tempDir.resolve("sequencer"), WAIT);
        open.add(running);
        events = running.events();
    }

    private ProjectionConfig config() {
        return ProjectionConfig.builder(bootstrap, store, "counters").stateDir(tempDir.resolve("projections")).build();
    }

    private ProjectionApp startProjections(Projection<?> projection) {
        ProjectionApp app = new ProjectionApp(config(), List.of(projection));
        open.add(app);
        app.start(WAIT);
        return app;
    }

    private AppendReceipt append(String entity, EventKind kind) {
        return events.append(Coordinate.of(entity, "test"), kind, Payload.json("{}"));
    }

    /** Appends a fixed mix to every entity; returns the expected counts and every receipt. */
    private Map<String, Long> appendMix(List<AppendReceipt> receipts) {
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < ENTITIES.size(); i++) {
            String entity = ENTITIES.get(i);
            long count = 0;
            for (int n = 0; n <= i + 1; n++) {
                receipts.add(append(entity, CounterProjection.INCREMENTED));
                count++;
            }
            receipts.add(append(entity, CounterProjection.RENAMED));
            if (i % 2 == 1) {
                receipts.add(append(entity, CounterProjection.DECREMENTED));
                count--;
            }
            expected.put(entity, count);
        }
        return expected;
    }

    private static <S> Optional<Projected<S>> queried(ProjectionApp app, Projection<S> projection, String entity) {
        try {
            return app.project(projection, entity);
        } catch (ProjectionException e) {
            assertEquals(ProjectionException.UNAVAILABLE, e.code(), e.getMessage());
            return null;
        }
    }

    private static <S> Projected<S> project(ProjectionApp app, Projection<S> projection, String entity) {
        return Conditions.awaitValue(WAIT, "a queryable state of " + entity, () -> {
            Optional<Projected<S>> state = queried(app, projection, entity);
            return state == null ? null : state.orElse(null);
        });
    }

    @Test
    void waitForAppliedGivesReadYourWritesOnProjectionsAndAppliedNeverPassesVisible() {
        startStore();
        ProjectionApp app = startProjections(CounterProjection.v1());
        List<AppendReceipt> receipts = new ArrayList<>();
        Map<String, Long> expected = appendMix(receipts);
        for (AppendReceipt receipt : receipts) {
            assertInstanceOf(Outcome.Committed.class, events.waitFor(receipt, Stage.APPLIED, WAIT),
                    "PROPERTY: applied reaches every event");
        }
        for (String entity : ENTITIES) {
            Projected<Long> state = project(app, CounterProjection.v1(), entity);
            assertEquals(expected.get(entity), state.state(), "read-your-writes after waitFor(APPLIED): " + entity);
            assertEquals(events.laneOf(entity), state.position().lane());
        }

        Projected<Long> before = project(app, CounterProjection.v1(), "counter:a");
        assertEquals(Optional.empty(), app.projectIfChanged(CounterProjection.v1(), "counter:a", before.version()),
                "projectIfChanged: nothing changed, nothing returned");
        assertEquals(Optional.of(before), app.projectIfChanged(CounterProjection.v1(), "counter:a", 0),
                "an older version gets the state");
        AppendReceipt more = append("counter:a", CounterProjection.INCREMENTED);
        events.waitFor(more, Stage.APPLIED, WAIT);
        Projected<Long> after = app.projectIfChanged(CounterProjection.v1(), "counter:a", before.version())
                .orElseThrow();
        assertEquals(before.state() + 1, after.state());
        assertEquals(before.version() + 1, after.version());
        assertEquals(more.proposalOffset(), after.position().proposalOffset(), "the position it reflects");
        AppendReceipt irrelevant = append("counter:a", CounterProjection.RENAMED);
        events.waitFor(irrelevant, Stage.APPLIED, WAIT);
        assertEquals(Optional.empty(), app.projectIfChanged(CounterProjection.v1(), "counter:a", after.version()),
                "an irrelevant event changes nothing");
        assertEquals(Optional.empty(), app.project(CounterProjection.v1(), "counter:never"));

        assertAppliedNeverPassedVisible();
    }

    /** Reads the frontier topic in order: every APPLIED point is at most the lane's VISIBLE before it. */
    private void assertAppliedNeverPassedVisible() {
        TopicPartition partition = new TopicPartition(StoreTopics.of(store).frontier(), 0);
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            Map<Integer, Long> visible = new HashMap<>();
            int applied = 0;
            while (reader.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    FrontierPoint point = Codecs.FRONTIER_POINT.decode(record.value());
                    if (point.getStage() == dev.batpak.kafka.schemas.Stage.VISIBLE) {
                        visible.merge(point.getLane(), point.getOffset(), Math::max);
                    } else if (point.getStage() == dev.batpak.kafka.schemas.Stage.APPLIED) {
                        applied++;
                        assertTrue(point.getOffset() <= visible.getOrDefault(point.getLane(), 0L),
                                "PROPERTY: applied " + point.getOffset() + " of lane " + point.getLane()
                                        + " never passes visible " + visible.get(point.getLane()));
                    }
                }
            }
            assertTrue(applied > 0, "applied points were published");
        }
    }

    @Test
    void aRebuildAndASchemaVersionChangeReplayToEqualStates() {
        startStore();
        ProjectionApp first = startProjections(CounterProjection.v1());
        List<AppendReceipt> receipts = new ArrayList<>();
        appendMix(receipts);
        for (AppendReceipt receipt : receipts) {
            events.waitFor(receipt, Stage.APPLIED, WAIT);
        }
        Map<String, Projected<Long>> built = snapshot(first, CounterProjection.v1());
        long[] applied = new long[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            applied[lane] = first.applied(lane).orElse(0);
        }
        first.close();

        assertTrue(ProjectionApp.rebuild(config(), List.of(CounterProjection.v1()), WAIT)
                .contains(first.applicationId()), "the application was reset");
        ProjectionApp rebuilt = startProjections(CounterProjection.v1());
        awaitCaughtUp(rebuilt, applied);
        assertEquals(built, snapshot(rebuilt, CounterProjection.v1()),
                "PROPERTY: replay is deterministic (state, position and version)");

        CounterProjection v2 = new CounterProjection(2);
        ProjectionApp migrated = startProjections(v2);
        assertNotEquals(rebuilt.applicationId(), migrated.applicationId());
        awaitCaughtUp(migrated, applied);
        Map<String, Long> migratedStates = new TreeMap<>();
        snapshot(migrated, v2).forEach((entity, state) -> migratedStates.put(entity, state.state()));
        Map<String, Long> builtStates = new TreeMap<>();
        built.forEach((entity, state) -> builtStates.put(entity, state.state()));
        assertEquals(builtStates, migratedStates, "a schema version change rebuilds from the journal");
    }

    private static void awaitCaughtUp(ProjectionApp app, long[] applied) {
        Conditions.await(WAIT, "the rebuilt projections caught up with " + java.util.Arrays.toString(applied), () -> {
            for (int lane = 0; lane < applied.length; lane++) {
                try {
                    if (app.applied(lane).orElse(0) < applied[lane]) {
                        return false;
                    }
                } catch (ProjectionException e) {
                    return false;
                }
            }
            return true;
        });
    }

    private static Map<String, Projected<Long>> snapshot(ProjectionApp app, Projection<Long> projection) {
        Map<String, Projected<Long>> states = new TreeMap<>();
        for (String entity : ENTITIES) {
            states.put(entity, project(app, projection, entity));
        }
        return states;
    }
}
