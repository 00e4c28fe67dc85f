package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.projection.internal.StoredState;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projection topology on the TopologyTestDriver: folding, positions and the applied watermark. */
class ProjectionTopologyTest {

    private static final String STORE = "proj-unit";
    private static final Duration PUBLISH = Duration.ofMillis(10);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> journal;
    private TestInputTopic<byte[], byte[]> frontier;
    private TestOutputTopic<byte[], byte[]> points;
    private long proposalOffset;

    @BeforeEach
    void start() {
        ProjectionConfig config = ProjectionConfig.builder("unused:9092", STORE, "counters").stateDir(stateDir).build();
        Properties props = ProjectionApp.streamsProperties(config, "proj-unit-app");
        driver = new TopologyTestDriver(ProjectionTopology.build(STORE, List.of(CounterProjection.v1()), PUBLISH),
                props);
        StoreTopics topics = StoreTopics.of(STORE);
        journal = driver.createInputTopic(topics.journal(), new ByteArraySerializer(), new ByteArraySerializer());
        frontier = driver.createInputTopic(topics.frontier(), new ByteArraySerializer(), new ByteArraySerializer());
        points = driver.createOutputTopic(topics.frontier(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void append(String entity, dev.batpak.kafka.event.EventKind kind) {
        journal.pipeInput(Journal.entity(entity), Journal.event(entity, kind, 0, 0, proposalOffset++));
    }

    private void visible(long offset) {
        frontier.pipeInput(Journal.key(0, Stage.VISIBLE), Journal.point(STORE, 0, Stage.VISIBLE, offset));
    }

    private List<Long> appliedPoints() {
        driver.advanceWallClockTime(PUBLISH.multipliedBy(2));
        return points.readRecordsToList().stream()
                .map(r -> Codecs.FRONTIER_POINT.decode(r.value()))
                .filter(p -> p.getStage() == Stage.APPLIED)
                .map(FrontierPoint::getOffset)
                .toList();
    }

    private StoredState state(String entity) {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(ProjectionNames.storeName("counter", 1));
        byte[] bytes = store.get(Bytes.wrap(Journal.entity(entity)));
        return bytes == null ? null : StoredState.decode(bytes);
    }

    @Test
    void foldsRelevantEventsPerEntityWithPositionAndVersion() {
        append("a", CounterProjection.INCREMENTED);
        append("b", CounterProjection.INCREMENTED);
        append("a", CounterProjection.INCREMENTED);
        append("a", CounterProjection.RENAMED);
        append("a", CounterProjection.DECREMENTED);
        append("c", CounterProjection.RENAMED);

        StoredState a = state("a");
        assertEquals(1L, StateCodec.longs().decode(a.state()), "2 increments - 1 decrement");
        assertEquals(3, a.version(), "three relevant events folded; the rename is skipped");
        assertEquals(ProjectionPosition.of(0, 4, 4), a.position(), "the last folded event's position");
        assertEquals(1L, StateCodec.longs().decode(state("b").state()));
        assertNull(state("c"), "an entity with only irrelevant events has no state");
    }

    @Test
    void appliedFollowsVisibleOnceCaughtUpAndNeverPassesIt() {
        for (int i = 0; i < 6; i++) {
            append("a", CounterProjection.INCREMENTED);
        }
        assertEquals(List.of(), appliedPoints(), "nothing before the sequencer publishes visible");
        visible(3);
        assertEquals(List.of(3L), appliedPoints(), "PROPERTY: applied never passes visible");
        visible(6);
        assertEquals(List.of(6L), appliedPoints(), "caught up: applied reaches visible");
        assertEquals(List.of(), appliedPoints(), "an unchanged watermark is not republished");
    }

    @Test
    void appliedWaitsWhileVisibleIsAheadOfTheFoldedJournal() {
        append("a", CounterProjection.INCREMENTED);
        append("a", CounterProjection.INCREMENTED);
        visible(5);
        assertEquals(List.of(), appliedPoints(), "proposals 2..4 are not folded yet");
        append("a", CounterProjection.RENAMED);
        append("a", CounterProjection.INCREMENTED);
        append("a", CounterProjection.INCREMENTED);
        assertEquals(List.of(5L), appliedPoints(), "irrelevant events count as applied too");
    }

    @Test
    void anUnreadableJournalRecordIsSkipped() {
        journal.pipeInput(Journal.entity("a"), new byte[] {1, 2, 3});
        append("a", CounterProjection.INCREMENTED);
        assertEquals(1L, StateCodec.longs().decode(state("a").state()));
    }

    @Test
    void theApplicationIdChangesWithTheSchemaVersionAndNotWithOrder() {
        String v1 = ProjectionTopology.applicationId(STORE, "counters", List.of(CounterProjection.v1()));
        String v2 = ProjectionTopology.applicationId(STORE, "counters", List.of(new CounterProjection(2)));
        assertTrue(v1.startsWith(STORE + ".projections.counters."), v1);
        assertNotEquals(v1, v2, "a schema version change starts a new application that rebuilds");
        assertEquals(v1, ProjectionTopology.applicationId(STORE, "counters", List.of(CounterProjection.v1())));
        assertNotEquals(ProjectionNames.storeName("counter", 1), ProjectionNames.storeName("counter", 2));
    }

    @Test
    void invalidRegistrationsAreRefused() {
        ProjectionException dup = assertThrows(ProjectionException.class, () -> ProjectionTopology.build(STORE,
                List.of(CounterProjection.v1(), new CounterProjection(2)), PUBLISH));
        assertEquals(ProjectionException.INVALID_PROJECTION, dup.code());
        assertThrows(ProjectionException.class, () -> ProjectionTopology.build(STORE,
                List.of(new CounterProjection(0)), PUBLISH));
        assertThrows(ProjectionException.class, () -> ProjectionTopology.build(STORE, List.of(), PUBLISH));
        assertThrows(ProjectionException.class, () -> ProjectionNames.validate("has space"));
    }
}
