package dev.batpak.kafka.cursor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lossy subscriptions on the real broker and sequencer. */
@ExtendWith(NoSilentSkips.class)
class SubscriptionBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final EventKind PING = EventKind.custom(5, 1);

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aSlowSubscriberIsDroppedWithNoticeWhileOthersContinue() {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        String store = StoreNames.unique("subs");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, 2, (short) 1, Duration.ofSeconds(30));
        }
        SequencerApp sequencer = new SequencerApp(SequencerConfig.builder(bootstrap, store)
                .stateDir(tempDir.resolve("sequencer")).build());
        sequencer.start(WAIT);
        open.add(sequencer);
        EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(2).build());
        open.add(events);
        Subscriptions hub = Subscriptions.open(bootstrap, store, 2, WAIT);
        open.add(hub);
        Subscription slow = hub.subscribe(Region.all().withKind(PING), 2);
        Subscription fast = hub.subscribe(Region.all().withKind(PING), 100);

        int count = 6;
        for (int i = 0; i < count; i++) {
            events.waitFor(events.append(Coordinate.of("ping:" + i, "test"), PING, Payload.json("{}")),
                    Stage.VISIBLE, WAIT);
        }
        List<StoredEvent> received = new ArrayList<>();
        Conditions.await(WAIT, "the fast subscriber gets every event", () -> {
            fast.next(Duration.ofMillis(100)).ifPresent(received::add);
            return received.size() == count;
        });
        assertFalse(fast.isDropped(), "the others continue");
        assertTrue(slow.isDropped(), "the slow subscriber was dropped");
        assertTrue(slow.next(Duration.ofMillis(10)).isPresent(), "what was queued before the drop is delivered");
        assertTrue(slow.next(Duration.ofMillis(10)).isPresent());
        SubscriptionDroppedException notice = assertThrows(SubscriptionDroppedException.class,
                () -> slow.next(Duration.ofMillis(10)), "then it is told, not silently starved");
        assertEquals(SubscriptionDroppedException.CODE, notice.code());
    }
}
