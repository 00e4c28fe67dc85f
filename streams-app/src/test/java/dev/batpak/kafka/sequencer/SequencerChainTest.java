package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.receipt.CommitReceipt;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.receipt.ReceiptVerifier;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.IndexedEvent;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import dev.batpak.kafka.sequencer.state.StreamHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing: every accepted proposal becomes the next link of its stream's chain. */
class SequencerChainTest {

    @TempDir
    Path stateDir;

    @Test
    void sealedEventsFormDenseVerifiableChainsPerStream() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            List<Proposal> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Proposal p = proposal("order:" + (i % 3), "item " + i).build();
                sent.add(p);
                driver.send(p);
            }
            List<JournalEvent> journal = driver.journal();
            assertEquals(30, journal.size(), "one journal record per proposal");
            assertEquals(3, Chains.verify(journal));
            for (int i = 0; i < 30; i++) {
                JournalEvent e = journal.get(i);
                Proposal p = sent.get(i);
                assertArrayEquals(p.getEventId().bytes(), e.getEventId().bytes());
                assertEquals(i / 3, e.getClock());
                assertEquals(i, e.getProposalOffset());
                assertEquals(0, e.getLane());
                assertEquals("item " + i, SequencerDriver.payload(e));
                assertArrayEquals(p.getContentHash().bytes(), e.getContentHash().bytes());
                assertTrue(Long.compareUnsigned(e.getHlc(), p.getHlc()) > 0, "PROPERTY: sealed HLC > proposal HLC");
                assertEquals(null, e.getSignature(), "no key configured: unsigned");
            }
        }
    }

    @Test
    void hlcIsAboveTheProposalsEvenWhenTheSubmitterIsAhead() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            long ahead = HlcTimestamp.of(driver.wallMillis() + 30_000, 7).packed();
            driver.send(proposal("clocky", "a").setHlc(ahead).build());
            driver.send(proposal("clocky", "b").setHlc(HlcTimestamp.of(1, 0).packed()).build());
            List<JournalEvent> journal = driver.journal();
            assertTrue(Long.compareUnsigned(journal.get(0).getHlc(), ahead) > 0);
            assertTrue(Long.compareUnsigned(journal.get(1).getHlc(), journal.get(0).getHlc()) > 0,
                    "PROPERTY: a stream's HLC never goes back, even for a proposal stamped in the past");
            Chains.verify(journal);
        }
    }

    @Test
    void headAndIndexStoresDescribeTheLastEvent() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            driver.send(proposal("acct:1", "open").build());
            driver.send(proposal("acct:1", "deposit").build());
            JournalEvent last = driver.journal().get(1);
            StreamHead head = StreamHead.decode(driver.store(StoreLayout.HEADS).get(StoreLayout.headKey(0, "acct:1")));
            assertEquals(1, head.clock());
            assertArrayEquals(last.getEventHash().bytes(), head.eventHash());
            assertEquals(last.getHlc(), head.hlc());
            assertEquals(1, head.proposalOffset());
            IndexedEvent indexed = IndexedEvent.decode(driver.store(StoreLayout.EVENTS)
                    .get(StoreLayout.idKey(last.getEventId().bytes())));
            assertEquals(new IndexedEvent(0, 1, 1, last.getHlc(), last.getEventHash().bytes(),
                    last.getContentHash().bytes(), TestProposals.KIND, "acct:1", "test", new byte[0]), indexed);
        }
    }

    @Test
    void signsEveryRecordWhenAKeyIsConfigured() {
        SigningKey key = SigningKey.generate();
        try (SequencerDriver driver = new SequencerDriver(stateDir,
                SequencerTopology.builder(SequencerDriver.STORE).signer(ReceiptSigner.of(key)))) {
            driver.send(proposal("signed", "a").build());
            driver.send(proposal("signed", "b").setKind(0x0001).build()); // reserved: a signed denial
            List<JournalEvent> journal = driver.journal();
            assertEquals(2, journal.size());
            for (JournalEvent e : journal) {
                assertNotNull(e.getSignature(), "PROPERTY: every sealed record is signed: " + Chains.describe(e));
                var verdict = ReceiptVerifier.verifyAgainst(CommitReceipt.fromJournal(e), e,
                        VerifyingKeys.of(key.verifyingKey()));
                assertTrue(verdict.isSigned(), "the receipt verifies with the public key: " + verdict);
            }
            var forged = ReceiptVerifier.verify(CommitReceipt.fromJournal(journal.get(0)),
                    VerifyingKeys.of(SigningKey.generate().verifyingKey()));
            assertFalse(forged.isSigned(), "another key does not verify it");
        }
    }
}
