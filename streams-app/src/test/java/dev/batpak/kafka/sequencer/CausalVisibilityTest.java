package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.inBatch;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.sequencer.state.CausalEntry;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import dev.batpak.kafka.testkit.NoSilentSkips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Causal visibility on the topology test driver (one lane; "another lane" is simulated by
 * publishing entries into the cross-lane causal index): a proposal waits, undecided, until its
 * parents are visible, without holding up other streams of its lane.
 */
@ExtendWith(NoSilentSkips.class)
class CausalVisibilityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration RECHECK = Duration.ofMillis(50);

    @TempDir
    Path stateDir;

    private SequencerDriver driver() {
        return new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE).causalWait(WAIT)
                .causalRecheckInterval(RECHECK));
    }

    @Test
    void aChildWaitsForItsParentWhileOtherStreamsGoOn() {
        try (SequencerDriver driver = driver()) {
            Proposal parent = proposal("order:1", "placed").build();
            Proposal child = proposal("payment:1", "charged").setCauses(List.of(parent.getEventId())).build();
            long childOffset = driver.send(child);
            Proposal unrelated = proposal("other:1", "unrelated").build();
            driver.send(unrelated);
            Proposal sameStream = proposal("payment:1", "after the child").build();
            driver.send(sameStream);

            List<JournalEvent> first = driver.journal();
            assertEquals(List.of(unrelated.getEventId()), first.stream().map(JournalEvent::getEventId).toList(),
                    "the unrelated stream is decided at once; the child and its stream's later proposal wait");
            driver.advance(Duration.ofMillis(20));
            assertEquals(childOffset, lastPoint(driver, Stage.VISIBLE),
                    "VISIBLE stops just below the held proposal (decision 0010)");

            driver.send(parent);
            JournalEvent sealedParent = driver.journal().get(0);
            driver.advance(RECHECK);
            List<JournalEvent> released = driver.journal();
            assertEquals(List.of(child.getEventId(), sameStream.getEventId()),
                    released.stream().map(JournalEvent::getEventId).toList(),
                    "released in offset order once the parent is visible");
            assertEquals(0, released.get(0).getClock());
            assertEquals(1, released.get(1).getClock(), "the queued proposal chains after the held one");
            assertTrue(released.get(0).getHlc() > sealedParent.getHlc(), "PROPERTY: the child's HLC exceeds its parent's");
            driver.advance(Duration.ofMillis(20));
            assertEquals(4L, lastPoint(driver, Stage.VISIBLE), "the frontier moves past the released proposals");
            assertEquals(null, driver.store(StoreLayout.PENDING).get(StoreLayout.pendingKey(0, childOffset)));
        }
    }

    @Test
    void aParentOnAnotherLaneIsFoundInTheCausalIndexAndItsHlcIsExceeded() {
        try (SequencerDriver driver = driver()) {
            byte[] parentId = EventId.random().toBytes();
            Proposal child = proposal("payment:2", "charged").setCauses(List.of(new Id16(parentId))).build();
            driver.send(child);
            assertEquals(List.of(), driver.journal());
            // the parent was sealed on lane 1 with an HLC ahead of this sequencer's clock
            long parentHlc = HlcTimestamp.of(driver.wallMillis() + 2_000, 7).packed();
            driver.publishIndex(parentId, new CausalEntry(CausalEntry.Status.SEALED, 1, 42, parentHlc));
            driver.advance(RECHECK);
            JournalEvent sealed = SequencerChecksTest.single(driver);
            assertEquals(child.getEventId(), sealed.getEventId());
            assertTrue(HlcTimestamp.fromPacked(sealed.getHlc()).compareTo(HlcTimestamp.fromPacked(parentHlc)) > 0,
                    "PROPERTY: an effect's HLC exceeds its cause's across lanes");
        }
    }

    @Test
    void aDeniedParentDeniesTheChild() {
        try (SequencerDriver driver = driver()) {
            // same lane: the parent is denied (reserved kind) after the child arrived
            Proposal parent = proposal("order:3", "bad").setKind(EventKind.SYSTEM_DENIAL.raw()).build();
            Proposal child = proposal("payment:3", "charged").setCauses(List.of(parent.getEventId())).build();
            long childOffset = driver.send(child);
            driver.send(parent);
            assertEquals(DenialCodes.RESERVED_KIND, SequencerDriver.trace(SequencerChecksTest.single(driver)).getCode());
            driver.advance(RECHECK);
            JournalEvent denial = SequencerChecksTest.single(driver);
            SequencerChecksTest.assertDenial(denial, "payment:3", 0, DenialCodes.CAUSE_DENIED, child, childOffset);

            // another lane: the index says denied
            byte[] remote = EventId.random().toBytes();
            driver.publishIndex(remote, new CausalEntry(CausalEntry.Status.DENIED, 1, 7, 1));
            Proposal second = proposal("payment:4", "charged").setCauses(List.of(new Id16(remote))).build();
            long secondOffset = driver.send(second);
            SequencerChecksTest.assertDenial(SequencerChecksTest.single(driver), "payment:4", 0,
                    DenialCodes.CAUSE_DENIED, second, secondOffset);
        }
    }

    @Test
    void aParentThatNeverAppearsDeniesTheChildAfterTheWait() {
        try (SequencerDriver driver = driver()) {
            EventId ghost = EventId.random();
            Proposal child = proposal("payment:5", "charged").setCauses(List.of(new Id16(ghost.toBytes()))).build();
            long offset = driver.send(child);
            Proposal queued = proposal("payment:5", "queued").build();
            driver.send(queued);
            driver.advance(WAIT.minusMillis(100));
            assertEquals(List.of(), driver.journal(), "still waiting before causal.wait.ms");
            driver.advance(Duration.ofMillis(200));
            List<JournalEvent> decided = driver.journal();
            assertEquals(2, decided.size());
            SequencerChecksTest.assertDenial(decided.get(0), "payment:5", 0, DenialCodes.CAUSE_NOT_FOUND, child, offset);
            assertEquals(ghost.toString(), SequencerChecksTest.context(SequencerDriver.trace(decided.get(0)))
                    .get("missing"));
            assertEquals(List.of("PERMIT", "PERMIT", "PERMIT", "PERMIT", "PERMIT", "DENY", "SKIPPED"),
                    SequencerChecksTest.verdicts(SequencerDriver.trace(decided.get(0))));
            assertEquals(queued.getEventId(), decided.get(1).getEventId(), "the queued proposal is decided next");
            assertEquals(1, decided.get(1).getClock());
            Chains.verify(decided);
        }
    }

    @Test
    void selfReferenceAndCausesFromTheFutureAreRefusedAtOnce() {
        try (SequencerDriver driver = driver()) {
            Proposal.Builder self = proposal("loop:1", "me");
            Proposal selfCaused = self.setCauses(List.of(self.getEventId())).build();
            long offset = driver.send(selfCaused);
            SequencerChecksTest.assertDenial(SequencerChecksTest.single(driver), "loop:1", 0, DenialCodes.CAUSE_SELF,
                    selfCaused, offset);

            EventId future = EventId.v7(driver.wallMillis() + Duration.ofMinutes(10).toMillis(), new Random(1));
            Proposal fromFuture = proposal("loop:2", "later").setCauses(List.of(new Id16(future.toBytes()))).build();
            offset = driver.send(fromFuture);
            SequencerChecksTest.assertDenial(SequencerChecksTest.single(driver), "loop:2", 0,
                    DenialCodes.CAUSE_FUTURE, fromFuture, offset);
        }
    }

    @Test
    void aVisibleParentIsNeverFromTheFutureWhateverItsIdBitsSay() {
        try (SequencerDriver driver = driver()) {
            // an idempotency key is hash bits: this one has UUIDv7 version bits and a "time" ten years on
            EventId keyed = EventId.v7(driver.wallMillis() + Duration.ofDays(3650).toMillis(), new Random(2));
            Proposal parent = proposal("order:9", "keyed").setEventId(new Id16(keyed.toBytes())).build();
            driver.send(parent);
            assertEquals(parent.getEventId(), SequencerChecksTest.single(driver).getEventId());
            Proposal child = proposal("payment:9", "charged").setCauses(List.of(parent.getEventId())).build();
            driver.send(child);
            JournalEvent sealed = SequencerChecksTest.single(driver);
            assertEquals(child.getEventId(), sealed.getEventId(), "PROPERTY: the child of a visible parent is sealed");

            // on another lane, found in the causal index
            EventId remote = EventId.v7(driver.wallMillis() + Duration.ofDays(3650).toMillis(), new Random(3));
            driver.publishIndex(remote.toBytes(), new CausalEntry(CausalEntry.Status.SEALED, 1, 5,
                    HlcTimestamp.of(driver.wallMillis(), 0).packed()));
            Proposal second = proposal("payment:10", "charged").setCauses(List.of(new Id16(remote.toBytes()))).build();
            driver.send(second);
            assertEquals(second.getEventId(), SequencerChecksTest.single(driver).getEventId());
        }
    }

    @Test
    void aBatchItemMayNameAnEarlierItemAndABatchWaitsForAnOutsideParent() {
        try (SequencerDriver driver = driver()) {
            UUID batch = UUID.randomUUID();
            Proposal first = inBatch(proposal("saga:1", "step 1"), batch, 0, 2).build();
            Proposal second = inBatch(proposal("saga:2", "step 2"), batch, 1, 2)
                    .setCauses(List.of(first.getEventId())).build();
            driver.send(first);
            driver.send(second);
            List<JournalEvent> sealed = driver.journal();
            assertEquals(List.of(first.getEventId(), second.getEventId()),
                    sealed.stream().map(JournalEvent::getEventId).toList());
            assertTrue(sealed.get(1).getHlc() > sealed.get(0).getHlc());

            Proposal outside = proposal("saga:0", "outside cause").build();
            UUID waiting = UUID.randomUUID();
            Proposal a = inBatch(proposal("saga:3", "a"), waiting, 0, 2).setCauses(List.of(outside.getEventId())).build();
            Proposal b = inBatch(proposal("saga:1", "b"), waiting, 1, 2).build();
            driver.send(a);
            driver.send(b);
            Proposal blocked = proposal("saga:1", "behind the batch").build();
            driver.send(blocked);
            assertEquals(List.of(), driver.journal(), "the batch part waits, and its streams queue behind it");
            driver.send(outside);
            assertEquals(1, driver.journal().size());
            driver.advance(RECHECK);
            List<JournalEvent> released = driver.journal();
            assertEquals(List.of(a.getEventId(), b.getEventId(), blocked.getEventId()),
                    released.stream().map(JournalEvent::getEventId).toList());
            assertEquals(List.of(1L, 2L), released.stream().skip(1).map(JournalEvent::getClock).toList(),
                    "saga:1 continues its chain: the batch item, then the queued proposal");
        }
    }

    /** The offset of the last published frontier point of {@code stage}, -1 if none. */
    private static long lastPoint(SequencerDriver driver, Stage stage) {
        long offset = -1;
        for (FrontierPoint point : driver.frontier()) {
            if (point.getStage() == stage) {
                offset = point.getOffset();
            }
        }
        return offset;
    }
}
