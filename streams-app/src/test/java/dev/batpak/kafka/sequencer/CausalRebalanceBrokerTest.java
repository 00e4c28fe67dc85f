package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.CausalVisibilityBrokerTest.awaitRecord;
import static dev.batpak.kafka.sequencer.CausalVisibilityBrokerTest.entityOn;
import static dev.batpak.kafka.sequencer.CausalVisibilityBrokerTest.find;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sequencer instances with separate state directories: the instance that owns the lane with
 * held proposals stops, the lane moves to the other instance (its state restored from the
 * changelogs), and the held proposals are released or timed out there — nothing lost, nothing
 * doubled.
 */
@ExtendWith(NoSilentSkips.class)
class CausalRebalanceBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateA;

    @TempDir
    Path stateB;

    @Test
    void heldProposalsMoveWithTheirLaneToAnotherInstance() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("causal-move"), 2)) {
            SequencerApp a = new SequencerApp(config(store, stateA));
            SequencerApp b = new SequencerApp(config(store, stateB));
            try {
                a.start(WAIT);
                b.start(WAIT);
                Proposal parent = proposal(entityOn(0, "order"), "placed").build();
                Proposal child = proposal(entityOn(1, "payment"), "charged").setCauses(List.of(parent.getEventId()))
                        .build();
                Proposal orphan = proposal(entityOn(1, "refund"), "refunded")
                        .setCauses(List.of(new Id16(EventId.random().toBytes()))).build();
                Proposal marker = proposal(entityOn(1, "marker"), "after the held ones").build();
                for (Proposal p : List.of(child, orphan, marker)) {
                    store.send(p).get();
                }
                awaitRecord(store, marker);
                assertEquals(Optional.empty(), find(store, child));

                SequencerApp owner = Conditions.awaitValue(WAIT, "an instance owns lane 1",
                        () -> ownsLane1(a) ? a : ownsLane1(b) ? b : null);
                SequencerApp other = owner == a ? b : a;
                owner.close(Duration.ofSeconds(30));
                Conditions.await(WAIT, "lane 1 moved to the other instance", () -> ownsLane1(other));

                store.send(parent).get();
                JournalEvent sealedChild = Conditions.awaitValue(WAIT, "the held child is decided", () -> store
                        .journal().stream().filter(e -> e.getEntity().equals(child.getEntity())).findFirst()
                        .orElse(null));
                assertEquals(child.getEventId(), sealedChild.getEventId(), () -> "the child was released, not "
                        + SequencerDriver.trace(sealedChild).getCode());
                assertTrue(sealedChild.getHlc() > find(store, parent).orElseThrow().getHlc());
                JournalEvent denial = Conditions.awaitValue(WAIT, "the orphan is denied after causal.wait.ms",
                        () -> store.journal().stream().filter(e -> e.getEntity().equals(orphan.getEntity()))
                                .findFirst().orElse(null));
                assertEquals(DenialCodes.CAUSE_NOT_FOUND, SequencerDriver.trace(denial).getCode());
                List<JournalEvent> journal = store.journal();
                assertEquals(4, journal.size(), "PROPERTY: nothing lost, nothing doubled by the move");
                Chains.verify(journal);
            } finally {
                a.close(Duration.ofSeconds(30));
                b.close(Duration.ofSeconds(30));
            }
        }
    }

    private static SequencerConfig config(BrokerFixture store, Path stateDir) {
        // a short session timeout so the stopped member's lanes move in seconds
        return store.config(stateDir).causalWait(Duration.ofSeconds(20))
                .streamsOverride("consumer.session.timeout.ms", "6000")
                .streamsOverride("consumer.heartbeat.interval.ms", "1000").build();
    }

    private static boolean ownsLane1(SequencerApp app) {
        return app.state() == KafkaStreams.State.RUNNING && app.kafkaStreams().metadataForLocalThreads().stream()
                .anyMatch(t -> t.activeTasks().stream().anyMatch(task -> task.taskId().partition() == 1));
    }
}
