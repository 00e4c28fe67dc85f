package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.keyed;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.IdempotencyEntry;
import dev.batpak.kafka.sequencer.state.LaneState;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed proposals: a retry returns the original outcome, a reused key with other content is a conflict. */
class SequencerIdempotencyTest {

    @TempDir
    Path stateDir;

    @Test
    void aKeyedRetryWritesNothingAndKeepsTheOriginal() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID key = TestProposals.uuid();
            Proposal original = keyed("k", "pay 10", key).build();
            long offset = driver.send(original);
            JournalEvent sealed = SequencerChecksTest.single(driver);
            assertTrue(sealed.getKeyed());
            driver.send(keyed("k", "pay 10", key).build());
            driver.send(keyed("k", "pay 10", key).build());
            assertEquals(List.of(), driver.journal(), "PROPERTY: a retry adds no journal record");
            IdempotencyEntry entry = IdempotencyEntry.decode(driver.store(StoreLayout.IDEMPOTENCY)
                    .get(StoreLayout.idKey(original.getEventId().bytes())));
            IdempotencyEntry.Committed committed = assertInstanceOf(IdempotencyEntry.Committed.class, entry.outcome());
            assertEquals(0, committed.clock());
            assertEquals(offset, committed.proposalOffset());
            assertArrayEquals(sealed.getEventHash().bytes(), committed.eventHash());
        }
    }

    @Test
    void aRetryWithAStaleExpectationStillReturnsTheOriginal() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID key = TestProposals.uuid();
            driver.send(keyed("k", "a", key).setExpectation(ExpectationMode.EMPTY).build());
            driver.send(proposal("k", "b").build());
            driver.send(keyed("k", "a", key).setExpectation(ExpectationMode.EMPTY).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(2, journal.size(), "idempotency is checked before CAS: the stale retry is a no-op, not a denial");
            Chains.verify(journal);
        }
    }

    @Test
    void aReusedKeyWithOtherContentIsAConflictAndTheOriginalStays() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID key = TestProposals.uuid();
            driver.send(keyed("k", "pay 10", key).build());
            Proposal other = keyed("k", "pay 99", key).build();
            long offset = driver.send(other);
            List<JournalEvent> journal = driver.journal();
            assertEquals(2, journal.size());
            SequencerChecksTest.assertDenial(journal.get(1), "k", 1, DenialCodes.IDEMPOTENCY_CONFLICT, other, offset);
            assertTrue(journal.get(1).getKeyed(), "the denial says the denied proposal was keyed");
            driver.send(keyed("k", "pay 10", key).build());
            assertEquals(List.of(), driver.journal(), "the key still answers with the original");
        }
    }

    @Test
    void aDeniedKeyedProposalIsDecidedToo() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID key = TestProposals.uuid();
            driver.send(keyed("k", "x", key).setKind(EventKind.SYSTEM_INIT.raw()).build());
            JournalEvent denial = SequencerChecksTest.single(driver);
            driver.send(keyed("k", "x", key).setKind(EventKind.SYSTEM_INIT.raw()).build());
            assertEquals(List.of(), driver.journal(), "the retry of a denied key gets the recorded denial");
            IdempotencyEntry entry = IdempotencyEntry.decode(driver.store(StoreLayout.IDEMPOTENCY)
                    .get(StoreLayout.idKey(EventId.of(key).toBytes())));
            IdempotencyEntry.Denied denied = assertInstanceOf(IdempotencyEntry.Denied.class, entry.outcome());
            assertEquals(DenialCodes.RESERVED_KIND, denied.code());
            assertArrayEquals(denial.getEventId().bytes(), denied.denialEventId());
        }
    }

    @Test
    void anUnkeyedProposalWithAKnownIdIsADuplicate() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            Proposal p = proposal("d", "x").build();
            driver.send(p);
            long offset = driver.send(p);
            List<JournalEvent> journal = driver.journal();
            assertEquals(2, journal.size());
            SequencerChecksTest.assertDenial(journal.get(1), "d", 1, DenialCodes.DUPLICATE_EVENT_ID, p, offset);
        }
    }

    @Test
    void evictionOnlyRemovesKeysOutsideTheWindowAndOnlyAboveTheCap() {
        SequencerTopology.Builder builder = SequencerTopology.builder(SequencerDriver.STORE)
                .idempotencyWindow(5).idempotencyMaxKeys(3);
        try (SequencerDriver driver = new SequencerDriver(stateDir, builder)) {
            List<Proposal> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Proposal p = keyed("e", "v" + i, TestProposals.uuid()).build();
                sent.add(p);
                driver.send(p);
            }
            driver.advance(Duration.ofSeconds(2));
            LaneState lane = LaneState.decode(driver.store(StoreLayout.LANES).get(StoreLayout.laneKey(0)));
            assertEquals(5, lane.idempotencyKeys(),
                    "offsets 0-4 are outside the window of 5 (last offset 9); the cap of 3 evicts them, never 5-9");
            for (int i = 0; i < 10; i++) {
                byte[] entry = driver.store(StoreLayout.IDEMPOTENCY).get(StoreLayout.idKey(sent.get(i).getEventId().bytes()));
                if (i < 5) {
                    assertNull(entry, "out-of-window key " + i + " evicted");
                } else {
                    assertNotNull(entry, "PROPERTY: an in-window key is never evicted: " + i);
                }
            }
            driver.journal();
            driver.send(keyed("e", "v0", EventId.fromBytes(sent.get(0).getEventId().bytes()).value()).build());
            assertEquals(List.of(), driver.journal(),
                    "an evicted key whose event is still indexed is answered from the event index");
        }
    }
}
