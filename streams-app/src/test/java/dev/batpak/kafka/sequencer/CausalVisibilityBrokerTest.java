package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Causal visibility on a real broker across two lanes: the child waits in the pending store
 * until its parent on the other lane is committed (read through the global causal index), and
 * held proposals survive a crash of the sequencer and are released or timed out by the next one.
 */
@ExtendWith(NoSilentSkips.class)
class CausalVisibilityBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void aChildOnOneLaneWaitsForItsParentOnAnotherWithoutHoldingUpItsLane() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("causal"), 2);
                SequencerApp app = new SequencerApp(store.config(stateDir).build())) {
            app.start(WAIT);
            Proposal parent = proposal(entityOn(0, "order"), "placed").build();
            Proposal child = proposal(entityOn(1, "payment"), "charged").setCorrelationId(parent.getCorrelationId())
                    .setCauses(List.of(parent.getEventId())).build();
            RecordMetadata childAck = store.send(child).get();
            Proposal unrelated = proposal(entityOn(1, "other"), "unrelated").build();
            store.send(unrelated).get();
            awaitRecord(store, unrelated);
            assertEquals(Optional.empty(), find(store, child), "the child waits for its parent");
            assertTrue(store.visible(1) <= childAck.offset(), "VISIBLE of lane 1 stays at or below the held child");

            store.send(parent).get();
            JournalEvent sealedParent = awaitRecord(store, parent);
            JournalEvent sealedChild = awaitRecord(store, child);
            assertEquals(1, sealedChild.getLane());
            assertTrue(HlcTimestamp.fromPacked(sealedChild.getHlc())
                    .compareTo(HlcTimestamp.fromPacked(sealedParent.getHlc())) > 0,
                    "PROPERTY: the child's HLC exceeds its parent's on another lane");
            List<JournalEvent> journal = store.journal();
            assertTrue(journal.indexOf(sealedParent) >= 0 && journal.indexOf(sealedChild) >= 0);
            long end = store.proposalEnds().get(1);
            Conditions.await(WAIT, "VISIBLE of lane 1 passes the released child", () -> store.visible(1) == end);
            Chains.verify(journal);
        }
    }

    @Test
    void heldProposalsSurviveACrashAndAreReleasedOrTimedOutAfterIt() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("causal-restart"), 2)) {
            // a short session timeout so the crashed member's lanes move in seconds, not 45 s
            SequencerConfig config = store.config(stateDir).causalWait(Duration.ofSeconds(25))
                    .streamsOverride("consumer.session.timeout.ms", "6000")
                    .streamsOverride("consumer.heartbeat.interval.ms", "1000").build();
            SequencerApp first = new SequencerApp(config);
            first.start(WAIT);
            Proposal parent = proposal(entityOn(0, "order"), "placed").build();
            Proposal released = proposal(entityOn(1, "payment"), "charged").setCauses(List.of(parent.getEventId()))
                    .build();
            EventId ghost = EventId.random();
            Proposal orphan = proposal(entityOn(1, "refund"), "refunded").setCauses(List.of(new Id16(ghost.toBytes())))
                    .build();
            store.send(released).get();
            store.send(orphan).get();
            Proposal marker = proposal(entityOn(1, "marker"), "after the held ones").build();
            store.send(marker).get();
            // the marker's commit also commits the pending-store entries written before it
            awaitRecord(store, marker);
            first.close(Duration.ZERO);
            Conditions.await(WAIT, "the first instance is down", () -> first.state() == KafkaStreams.State.NOT_RUNNING);
            assertEquals(Optional.empty(), find(store, released));
            assertEquals(Optional.empty(), find(store, orphan));

            try (SequencerApp second = new SequencerApp(config)) {
                second.start(WAIT);
                store.send(parent).get();
                JournalEvent sealedParent = awaitRecord(store, parent);
                JournalEvent sealedChild = Conditions.awaitValue(WAIT, "the held child is decided", () -> store.journal()
                        .stream().filter(e -> e.getEntity().equals(released.getEntity())).findFirst().orElse(null));
                assertEquals(released.getEventId(), sealedChild.getEventId(), () -> "the child was released, not "
                        + SequencerDriver.trace(sealedChild).getCode());
                assertTrue(sealedChild.getHlc() > sealedParent.getHlc());
                JournalEvent sealedMarker = find(store, marker).orElseThrow();
                assertTrue(HlcTimestamp.fromPacked(sealedChild.getHlc())
                        .compareTo(HlcTimestamp.fromPacked(sealedMarker.getHlc())) > 0,
                        "PROPERTY: lane 1's clock does not go backwards across the restart");
                JournalEvent denial = Conditions.awaitValue(WAIT, "the orphan is denied after causal.wait.ms",
                        () -> store.journal().stream().filter(e -> e.getEntity().equals(orphan.getEntity()))
                                .findFirst().orElse(null));
                assertEquals(DenialCodes.CAUSE_NOT_FOUND, SequencerDriver.trace(denial).getCode());
                List<JournalEvent> journal = store.journal();
                assertEquals(1, journal.stream().filter(e -> e.getEntity().equals(released.getEntity())).count(),
                        "PROPERTY: nothing doubled by the restart");
                assertEquals(4, journal.size(), "parent, child, denial of the orphan, marker");
                Chains.verify(journal);
                java.util.Map<Integer, Long> ends = store.proposalEnds();
                Conditions.await(WAIT, "VISIBLE reaches the end of both lanes",
                        () -> store.visible(0) == ends.get(0) && store.visible(1) == ends.get(1));
            }
        }
    }

    static JournalEvent awaitRecord(BrokerFixture store, Proposal proposal) {
        return Conditions.awaitValue(WAIT, "proposal " + EventId.fromBytes(proposal.getEventId().bytes())
                + " is in the journal", () -> find(store, proposal).orElse(null));
    }

    static Optional<JournalEvent> find(BrokerFixture store, Proposal proposal) {
        return store.journal().stream().filter(e -> e.getEventId().equals(proposal.getEventId())).findFirst();
    }

    /** An entity name that Kafka's default partitioner puts on {@code lane} of two. */
    static String entityOn(int lane, String prefix) {
        for (int i = 0;; i++) {
            String entity = prefix + ":" + i;
            if (Utils.toPositive(Utils.murmur2(entity.getBytes(StandardCharsets.UTF_8))) % 2 == lane) {
                return entity;
            }
        }
    }
}
