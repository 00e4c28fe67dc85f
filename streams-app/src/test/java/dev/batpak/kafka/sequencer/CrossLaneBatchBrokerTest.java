package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.CausalVisibilityBrokerTest.entityOn;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic batches across lanes on a real broker: each lane holds its part until every lane has
 * voted; one denied part denies every part ({@code BATCH_ABORTED}). A reader of the journal across
 * lanes, reading while batches are decided, never finds a batch with a sealed part and a denied
 * part, and every batch ends all sealed or all denied — also across a crash of the sequencer.
 */
@ExtendWith(NoSilentSkips.class)
class CrossLaneBatchBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void aBatchAcrossLanesIsSealedOnAllOrDeniedOnAll() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("xlane"), 2);
                SequencerApp app = new SequencerApp(store.config(stateDir).build())) {
            app.start(WAIT);
            Map<Id16, Integer> sizes = new HashMap<>();
            int batches = 20;
            Thread producer = new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    boolean failing = b % 3 == 2;
                    for (Proposal p : batch(b, failing)) {
                        store.send(p);
                    }
                }
                store.flush();
            }, "batch-producer");
            for (int b = 0; b < batches; b++) {
                sizes.put(batch(b, false).get(0).getBatch().getBatchId(), 3);
            }
            producer.start();
            Conditions.await(WAIT, "every batch is decided", () -> {
                Map<Id16, int[]> outcome = outcomes(store.journal());
                return outcome.size() == batches && outcome.values().stream().allMatch(o -> o[0] + o[1] == 3);
            });
            producer.join(WAIT.toMillis());
            Map<Id16, int[]> outcome = outcomes(store.journal());
            int denied = 0;
            for (Map.Entry<Id16, int[]> e : outcome.entrySet()) {
                assertTrue(e.getValue()[0] == 0 || e.getValue()[1] == 0, "PROPERTY: all or none, per batch");
                denied += e.getValue()[1] == 3 ? 1 : 0;
            }
            assertEquals(batches / 3, denied, "every batch with a failing item is denied on both lanes");
            List<JournalEvent> abortedOnLane0 = store.journal().stream()
                    .filter(e -> e.getLane() == 0 && e.getKind() == EventKind.SYSTEM_DENIAL.raw()).toList();
            assertTrue(abortedOnLane0.stream().allMatch(e -> SequencerDriver.trace(e).getCode()
                    .equals(DenialCodes.BATCH_ABORTED)), "lane 0's parts are aborted because lane 1 denied");
            assertEquals(sizes.keySet(), outcome.keySet());
            Chains.verify(store.journal());
            Map<Integer, Long> ends = store.proposalEnds();
            Conditions.await(WAIT, "VISIBLE reaches the end of both lanes",
                    () -> store.visible(0) == ends.get(0) && store.visible(1) == ends.get(1));
        }
    }

    @Test
    void aCrashInTheMiddleStillYieldsAllOrNone() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("xlane-crash"), 2)) {
            SequencerConfig config = store.config(stateDir)
                    .streamsOverride("consumer.session.timeout.ms", "6000")
                    .streamsOverride("consumer.heartbeat.interval.ms", "1000").build();
            SequencerApp first = new SequencerApp(config);
            first.start(WAIT);
            int batches = 60;
            Thread producer = new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    for (Proposal p : batch(b, b % 5 == 4)) {
                        store.send(p);
                    }
                }
                store.flush();
            }, "batch-producer");
            producer.start();
            Conditions.await(WAIT, "some batches are decided", () -> outcomes(store.journal()).size() > 5);
            first.close(Duration.ZERO);
            producer.join(WAIT.toMillis());
            Conditions.await(WAIT, "the first instance is down", () -> first.state() == KafkaStreams.State.NOT_RUNNING);
            for (int[] o : outcomes(store.journal()).values()) {
                assertTrue(o[0] == 0 || o[1] == 0, "PROPERTY: all or none, also at the crash");
            }
            try (SequencerApp second = new SequencerApp(config)) {
                second.start(WAIT);
                Conditions.await(WAIT, "every batch is decided after the restart", () -> {
                    Map<Id16, int[]> outcome = outcomes(store.journal());
                    return outcome.size() == batches && outcome.values().stream().allMatch(o -> o[0] + o[1] == 3);
                });
                List<JournalEvent> journal = store.journal();
                assertEquals(batches * 3, journal.size(), "PROPERTY: nothing doubled, nothing lost");
                Set<Id16> ids = new HashSet<>();
                for (JournalEvent e : journal) {
                    assertTrue(ids.add(e.getEventId()), "one record per id");
                }
                for (Map.Entry<Id16, int[]> e : outcomes(journal).entrySet()) {
                    assertTrue(e.getValue()[0] == 0 || e.getValue()[1] == 0, "PROPERTY: all or none, per batch");
                }
                Chains.verify(journal);
            }
        }
    }

    /**
     * Batch {@code b}: two items on lane 0 (the second caused by the first: within a batch a cause
     * stays on its lane) and one on lane 1; with {@code failing}, the lane 1 item expects a
     * sequence its stream never has.
     */
    private static List<Proposal> batch(int b, boolean failing) {
        UUID batchId = new UUID(0x42L, b);
        Id16 id = new Id16(EventId.of(batchId).toBytes());
        Proposal.Builder first = proposal(entityOn(0, "order-" + b), "placed");
        Proposal.Builder second = proposal(entityOn(0, "stock-" + b), "reserved").setCauses(List.of(first.getEventId()));
        Proposal.Builder third = proposal(entityOn(1, "payment-" + b), "charged");
        if (failing) {
            TestProposals.expect(third, 999);
        }
        List<Proposal> items = new ArrayList<>();
        int index = 0;
        for (Proposal.Builder item : List.of(first, second, third)) {
            boolean onLane1 = item == third;
            items.add(item.setBatch(BatchMember.newBuilder().setBatchId(id).setIndex(index++).setSize(3)
                    .setLanes(List.of(0, 1)).setLaneSize(onLane1 ? 1 : 2).build()).build());
        }
        return items;
    }

    /** Per batch id: {sealed items, denied items} in the journal read so far. */
    private static Map<Id16, int[]> outcomes(List<JournalEvent> journal) {
        Map<Id16, int[]> outcome = new HashMap<>();
        for (JournalEvent e : journal) {
            if (e.getBatch() == null) {
                continue;
            }
            int[] counts = outcome.computeIfAbsent(e.getBatch().getBatchId(), k -> new int[2]);
            counts[e.getKind() == EventKind.SYSTEM_DENIAL.raw() ? 1 : 0]++;
            if (counts[0] > 0 && counts[1] > 0) {
                throw new AssertionError("PROPERTY: a reader never sees a batch with a sealed and a denied part: "
                        + e.getBatch());
            }
        }
        return outcome;
    }
}
