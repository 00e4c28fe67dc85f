package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.InvalidCausationException;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.store.AppendValidation;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.CausalEntry;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.testkit.NoSilentSkips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vote of a lane on its part of a cross-lane batch, on the topology test driver (lane 0; lane
 * 1's vote is published into the causal index by the test): a part that passes is held until every
 * lane has voted, then sealed or aborted with the other lanes.
 */
@ExtendWith(NoSilentSkips.class)
class CrossLaneBatchTest {

    private static final Duration RECHECK = Duration.ofMillis(50);

    @TempDir
    Path stateDir;

    @Test
    void aPassingPartIsHeldUntilEveryLaneVotesThenSealedOrAborted() {
        try (SequencerDriver driver = new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE)
                .causalRecheckInterval(RECHECK))) {
            UUID committed = UUID.randomUUID();
            List<Proposal> first = part(committed, proposal("a:1", "x"), proposal("b:1", "y"));
            first.forEach(driver::send);
            assertEquals(List.of(), driver.journal(), "the part waits for lane 1's vote");
            assertEquals(CausalEntry.Status.PART_ACCEPTED, vote(driver, committed, 0), "lane 0 voted");
            Proposal queued = proposal("a:1", "behind the part").build();
            driver.send(queued);
            driver.advance(RECHECK);
            assertEquals(List.of(), driver.journal(), "still no vote from lane 1");

            driver.publishIndex(CausalEntry.voteKey(id(committed), 1).get(),
                    new CausalEntry(CausalEntry.Status.PART_ACCEPTED, 1, 0, 1));
            driver.advance(RECHECK);
            List<JournalEvent> sealed = driver.journal();
            assertEquals(List.of(first.get(0).getEventId(), first.get(1).getEventId(), queued.getEventId()),
                    sealed.stream().map(JournalEvent::getEventId).toList(), "sealed, then the queued proposal");

            UUID aborted = UUID.randomUUID();
            part(aborted, proposal("a:2", "x"), proposal("b:2", "y")).forEach(driver::send);
            driver.publishIndex(CausalEntry.voteKey(id(aborted), 1).get(),
                    new CausalEntry(CausalEntry.Status.PART_DENIED, 1, 0, 1));
            driver.advance(RECHECK);
            List<JournalEvent> denied = driver.journal();
            assertEquals(2, denied.size());
            for (JournalEvent denial : denied) {
                assertEquals(DenialCodes.BATCH_ABORTED, SequencerDriver.trace(denial).getCode());
                assertEquals("1", SequencerChecksTest.context(SequencerDriver.trace(denial)).get("failedLane"));
            }

            UUID failing = UUID.randomUUID();
            part(failing, TestProposals.expect(proposal("a:3", "x"), 7), proposal("b:3", "y")).forEach(driver::send);
            List<JournalEvent> refused = driver.journal();
            assertEquals(List.of(DenialCodes.SEQUENCE_MISMATCH, DenialCodes.BATCH_ABORTED),
                    refused.stream().map(e -> SequencerDriver.trace(e).getCode()).toList(), "denied at once");
            assertEquals(CausalEntry.Status.PART_DENIED, vote(driver, failing, 0), "and lane 0 voted no");
        }
    }

    @Test
    void theAdapterRefusesABatchCauseOnAnotherLane() {
        StoreConfig config = StoreConfig.builder("unused:9092", "xlane").lanes(2).build();
        EventKind kind = EventKind.custom(1, 1);
        List<BatchItem> items = List.of(
                BatchItem.of(Coordinate.of(CausalVisibilityBrokerTest.entityOn(0, "order"), "s"), kind,
                        Payload.json("{}")),
                BatchItem.of(Coordinate.of(CausalVisibilityBrokerTest.entityOn(1, "payment"), "s"), kind,
                        Payload.json("{}")).causedByItem(0));
        assertThrows(InvalidCausationException.class, () -> AppendValidation.validateBatch(items, config));
        List<BatchItem> sameLane = List.of(items.get(0),
                BatchItem.of(Coordinate.of(CausalVisibilityBrokerTest.entityOn(0, "stock"), "s"), kind,
                        Payload.json("{}")).causedByItem(0));
        assertEquals(2, AppendValidation.validateBatch(sameLane, config).length, "a cause on the same lane is fine");
    }

    /** Two items on lane 0 of a three-item batch over lanes 0 and 1. */
    private static List<Proposal> part(UUID batchId, Proposal.Builder first, Proposal.Builder second) {
        Id16 id = new Id16(id(batchId));
        return List.of(first.setBatch(member(id, 0)).build(), second.setBatch(member(id, 1)).build());
    }

    private static BatchMember member(Id16 batchId, int index) {
        return BatchMember.newBuilder().setBatchId(batchId).setIndex(index).setSize(3).setLanes(List.of(0, 1))
                .setLaneSize(2).build();
    }

    private static byte[] id(UUID batchId) {
        return EventId.of(batchId).toBytes();
    }

    private static CausalEntry.Status vote(SequencerDriver driver, UUID batchId, int lane) {
        byte[] bytes = driver.store(StoreLayout.CAUSAL_INDEX).get(CausalEntry.voteKey(id(batchId), lane));
        return bytes == null ? null : CausalEntry.decode(bytes).status();
    }
}
