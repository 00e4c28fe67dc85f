package dev.batpak.kafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.cursor.CursorException;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.projection.Projected;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        assertEquals(4, sealed.size());
        assertEquals(Optional.empty(), sealed.get(0).primaryCause());
        assertEquals(Optional.empty(), sealed.get(3).primaryCause());
        assertEquals(Optional.of(CausationId.of(sealed.get(0).eventId())), sealed.get(1).primaryCause());
        assertEquals(Optional.of(CausationId.of(sealed.get(1).eventId())), sealed.get(2).primaryCause());
    }

    @Test
    void theCounterProjectionAnswersWithTheAppendsAfterApplied(@TempDir Path state) {
        Projected<Long> projected = CounterProjection.run(bootstrap, STORE, LANES, state, 3);
        assertEquals(3L, projected.state(), "PROPERTY: after waitFor(APPLIED) the projection includes every append");
    }

    @Test
    void theTypedReactorChainsItsReactionToThePayment(@TempDir Path state) {
        StoredEvent reaction = ShippingReactor.run(bootstrap, STORE, LANES, state);
        assertEquals(ShippingReactor.REQUESTED.kind(), reaction.kind());
        StoredEvent payment = events().get(reaction.primaryCause().orElseThrow().toEventId(), Duration.ofSeconds(30));
        assertEquals(ShippingReactor.PAID.kind(), payment.kind(), "the reaction's cause is the payment");
        assertEquals(payment.correlationId(), reaction.correlationId(), "the correlation is inherited");
        assertEquals("shipment:" + ShippingReactor.PAID.decode(payment).order(), reaction.coordinate().entity());
    }

    @Test
    void theCursorWorkerResumesAfterItsCheckpointAndNeverSkips() {
        String prefix = "ticket-" + System.nanoTime();
        Region region = Region.entity(prefix);
        try (EventStore store = events()) {
            for (int i = 0; i < 6; i++) {
                store.waitFor(store.append(Coordinate.of(prefix + ":" + i, "support"), EventKind.custom(6, 1),
                        Payload.json("{\"n\":" + i + "}")), Stage.VISIBLE, Duration.ofSeconds(30));
            }
        }
        String checkpoint = "worker-" + System.nanoTime();
        List<StoredEvent> first = CursorWorker.drain(bootstrap, STORE, LANES, checkpoint, region, 4, Duration.ofSeconds(10));
        List<StoredEvent> rest = CursorWorker.drain(bootstrap, STORE, LANES, checkpoint, region, 2, Duration.ofSeconds(30));
        assertEquals(4, first.size());
        Set<String> handled = new HashSet<>();
        first.forEach(e -> handled.add(e.coordinate().entity()));
        rest.forEach(e -> handled.add(e.coordinate().entity()));
        assertEquals(6, handled.size(), "PROPERTY: a restarted worker resumes after its checkpoint and skips nothing");
        assertEquals(List.of(), CursorWorker.drain(bootstrap, STORE, LANES, checkpoint, region, 100,
                Duration.ofSeconds(1)), "PROPERTY: what was checkpointed is not delivered again");
        CursorException refused = assertThrows(CursorException.class, () -> CursorWorker.drain(bootstrap, STORE, LANES,
                checkpoint, Region.entity("other-" + prefix), 1, Duration.ofMillis(100)));
        assertEquals(CursorException.REGION_MISMATCH, refused.code());
    }

    private static EventStore events() {
        return EventStore.open(StoreConfig.builder(bootstrap, STORE).lanes(LANES).build());
    }
}
