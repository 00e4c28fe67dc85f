package dev.batpak.kafka.cursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.testing.RunningStore;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The example cursor worker with a checkpoint, on the real broker and sequencer. */
@ExtendWith(NoSilentSkips.class)
class CursorBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;
    private static final EventKind NOTED = EventKind.custom(4, 1);
    private static final EventKind OTHER = EventKind.custom(4, 2);
    private static final Region NOTES = Region.all().withKind(NOTED);

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("cursor");
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

    private List<EventId> appendVisible(int count, int from) {
        List<EventId> ids = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Coordinate at = Coordinate.of("note:" + i, "test");
            Outcome.Committed note = (Outcome.Committed) events.waitFor(events.append(at, NOTED, Payload.json("{}")),
                    Stage.VISIBLE, WAIT);
            ids.add(note.event().eventId());
            events.waitFor(events.append(at, OTHER, Payload.json("{}")), Stage.VISIBLE, WAIT);
        }
        return ids;
    }

    private Cursor cursor(Region region) {
        return Cursor.open(bootstrap, store, LANES, "worker", region, WAIT);
    }

    /** Drains the cursor until {@code expected} events were seen, handling with CONTINUE. */
    private static Set<EventId> drain(Cursor cursor, int expected) {
        Set<EventId> seen = new LinkedHashSet<>();
        Conditions.await(WAIT, expected + " events delivered", () -> {
            cursor.poll(Duration.ofMillis(200), event -> {
                seen.add(event.eventId());
                return CursorAction.CONTINUE;
            });
            return seen.size() >= expected;
        });
        return seen;
    }

    @Test
    void aRestartedCursorResumesFromItsCheckpointWithoutSkippingAndRefusesAnotherRegion() {
        startStore();
        List<EventId> first = appendVisible(4, 0);
        try (Cursor worker = cursor(NOTES)) {
            assertEquals(Set.copyOf(first), drain(worker, 4), "only the region's events, each once");
        }
        List<EventId> second = appendVisible(3, 4);
        try (Cursor worker = cursor(NOTES)) {
            Set<EventId> resumed = drain(worker, 3);
            assertEquals(Set.copyOf(second), resumed, "PROPERTY: resumes after its checkpoint, never skips");
        }

        CursorException mismatch = assertThrows(CursorException.class, () -> cursor(Region.all()));
        assertEquals(CursorException.REGION_MISMATCH, mismatch.code(), "a checkpoint of another region is refused");
    }

    @Test
    void stopWithRollbackRedeliversTheBatchAndStopCheckpointsUpToTheEvent() {
        startStore();
        List<EventId> notes = appendVisible(3, 0);
        List<StoredEvent> rolledBack = new ArrayList<>();
        try (Cursor worker = cursor(NOTES)) {
            Conditions.await(WAIT, "a delivery", () -> worker.poll(Duration.ofMillis(200), event -> {
                rolledBack.add(event);
                return CursorAction.STOP_WITH_ROLLBACK;
            }).delivered() > 0);
            List<EventId> stopped = new ArrayList<>();
            Conditions.await(WAIT, "a delivery after the rollback", () -> worker.poll(Duration.ofMillis(200), event -> {
                stopped.add(event.eventId());
                return CursorAction.STOP;
            }).delivered() > 0);
            assertEquals(rolledBack.get(0).eventId(), stopped.get(0), "the rolled-back event is redelivered");
        }
        try (Cursor worker = cursor(NOTES)) {
            Set<EventId> rest = drain(worker, 2);
            assertTrue(!rest.contains(rolledBack.get(0).eventId()), "the stopped-at event was checkpointed");
            Set<EventId> all = new LinkedHashSet<>(rest);
            all.add(rolledBack.get(0).eventId());
            assertEquals(Set.copyOf(notes), all, "nothing skipped");
        }
    }

    @Test
    void anInvalidCheckpointIdIsRefused() {
        CursorException invalid = assertThrows(CursorException.class,
                () -> Cursor.open(bootstrap, "any", 1, "no spaces", NOTES, WAIT));
        assertEquals(CursorException.INVALID_CHECKPOINT, invalid.code());
    }
}
