package dev.batpak.kafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example against the in-JVM broker with a real sequencer. */
class ExamplesTest {

    private static final int LANES = 2;
    private static final String STORE = StoreNames.unique("examples");
    private static String bootstrap;
    private static SequencerApp sequencer;

    @BeforeAll
    static void start(@TempDir Path state) {
        bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(STORE).create(admin, LANES, (short) 1, Duration.ofSeconds(30));
        }
        sequencer = new SequencerApp(SequencerConfig.builder(bootstrap, STORE).stateDir(state).build());
        sequencer.start(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        sequencer.close();
    }

    @Test
    void quickstartAppendsAndReadsBackATypedEvent() {
        Quickstart.OrderPlaced order = Quickstart.run(bootstrap, STORE, LANES);
        assertTrue(order.orderId().startsWith("order:"));
        assertEquals(3, order.quantity());
    }

    @Test
    void callerDefinedGatesCommitWhatPassesAndDenyWhatDoesNot() {
        try (EventStore events = EventStore.open(StoreConfig.builder(bootstrap, STORE).lanes(LANES).build())) {
            assertInstanceOf(AppendReceipt.class,
                    CallerDefinedGates.checkout(events, new CallerDefinedGates.Checkout("ada", 40, 100)));
            Denial denial = assertInstanceOf(Denial.class,
                    CallerDefinedGates.checkout(events, new CallerDefinedGates.Checkout("ada", 400, 100)));
            assertEquals("OVER_LIMIT", denial.code());
            assertEquals(Optional.of("400"), denial.contextValue("amount"));
            assertEquals("NOT_POSITIVE", ((Denial) CallerDefinedGates.checkout(events,
                    new CallerDefinedGates.Checkout("ada", -1, 100))).code());
        }
    }

    @Test
    void anAtomicBatchSealsEveryItemWithItsCause() {
        List<StoredEvent> sealed = AtomicBatch.run(bootstrap, STORE, LANES);
        assertEquals(3, sealed.size());
        assertEquals(Optional.empty(), sealed.get(0).primaryCause());
        assertEquals(Optional.of(CausationId.of(sealed.get(0).eventId())), sealed.get(1).primaryCause());
        assertEquals(Optional.of(CausationId.of(sealed.get(1).eventId())), sealed.get(2).primaryCause());
    }
}
