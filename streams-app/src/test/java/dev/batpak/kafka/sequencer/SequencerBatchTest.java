package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.inBatch;
import static dev.batpak.kafka.sequencer.TestProposals.keyed;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.sequencer.internal.SequencerProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches: a lane's items are buffered until complete, then decided all or nothing in index order. */
class SequencerBatchTest {

    @TempDir
    Path stateDir;

    @Test
    void aCompleteBatchCommitsInIndexOrderAndChainsWithinAStream() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            Proposal a1 = inBatch(proposal("a", "a1"), batch, 0, 3).build();
            Proposal b = inBatch(proposal("b", "b"), batch, 1, 3).build();
            Proposal a2 = inBatch(proposal("a", "a2"), batch, 2, 3).build();
            driver.send(a2);
            driver.send(proposal("c", "single").build());
            driver.send(a1);
            List<JournalEvent> before = driver.journal();
            assertEquals(1, before.size(), "only the single is decided while the batch is incomplete");
            assertEquals("c", before.get(0).getEntity());
            driver.send(b);
            List<JournalEvent> batchRecords = driver.journal();
            assertEquals(List.of("a1", "b", "a2"), batchRecords.stream().map(SequencerDriver::payload).toList(),
                    "PROPERTY: a batch is decided in index order, whatever order its items arrived in");
            assertEquals(List.of(0L, 0L, 1L), batchRecords.stream().map(JournalEvent::getClock).toList());
            assertArrayEquals(batchRecords.get(0).getEventHash().bytes(), batchRecords.get(2).getPrevHash().bytes(),
                    "consecutive items of one stream chain to each other");
            assertEquals(List.of(2L, 3L, 0L), batchRecords.stream().map(JournalEvent::getProposalOffset).toList());
            for (JournalEvent e : batchRecords) {
                assertEquals(3, e.getBatch().getSize());
            }
            Chains.verify(before);
            Chains.verify(batchRecords);
        }
    }

    @Test
    void oneDenialDeniesEveryItem() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            driver.send(inBatch(proposal("x", "0"), batch, 0, 3).build());
            Proposal failing = inBatch(proposal("y", "1"), batch, 1, 3).setKind(EventKind.SYSTEM_HEARTBEAT.raw()).build();
            long failingOffset = driver.send(failing);
            driver.send(inBatch(proposal("x", "2"), batch, 2, 3).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(3, journal.size(), "all denials are written together, when the batch completes");
            SequencerChecksTest.assertDenial(journal.get(1), "y", 0, DenialCodes.RESERVED_KIND, failing, failingOffset);
            for (int i : new int[] {0, 2}) {
                DenialTrace trace = SequencerDriver.trace(journal.get(i));
                assertEquals(DenialCodes.BATCH_ABORTED, trace.getCode());
                assertEquals("1", SequencerChecksTest.context(trace).get("failedIndex"));
                assertEquals(DenialCodes.RESERVED_KIND, SequencerChecksTest.context(trace).get("failedCode"));
                assertEquals(Integer.toString(i), SequencerChecksTest.context(trace).get("index"));
            }
            assertEquals(List.of(0L, 0L, 1L), journal.stream().map(JournalEvent::getClock).toList(),
                    "denials continue their streams' chains");
            Chains.verify(journal);
        }
    }

    @Test
    void aBufferedBatchHoldsTheFrontierUntilItIsDecided() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            driver.send(proposal("s", "0").build());
            driver.send(inBatch(proposal("s", "b0"), batch, 0, 2).build());
            driver.send(proposal("s", "2").build());
            driver.advance(Duration.ofMillis(20));
            assertEquals(Map.of(Stage.ACCEPTED, 1L, Stage.VISIBLE, 1L), latest(driver.frontier()),
                    "PROPERTY: the frontier never passes a proposal that is not decided");
            driver.send(inBatch(proposal("s", "b1"), batch, 1, 2).build());
            driver.advance(Duration.ofMillis(20));
            assertEquals(Map.of(Stage.ACCEPTED, 4L, Stage.VISIBLE, 4L), latest(driver.frontier()));
        }
    }

    @Test
    void anIncompleteBatchIsDeniedAfterTheTimeoutAndReleasesTheFrontier() {
        try (SequencerDriver driver = new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE)
                .batchTimeout(Duration.ofSeconds(5)))) {
            UUID batch = TestProposals.uuid();
            Proposal lonely = inBatch(proposal("s", "b0"), batch, 0, 2).build();
            long offset = driver.send(lonely);
            driver.advance(Duration.ofSeconds(2));
            assertEquals(List.of(), driver.journal());
            driver.advance(Duration.ofSeconds(4));
            JournalEvent denial = SequencerChecksTest.single(driver);
            SequencerChecksTest.assertDenial(denial, "s", 0, DenialCodes.BATCH_INCOMPLETE, lonely, offset);
            assertEquals(Map.of("batchId", hex(batch), "index", "0", "arrived", "1", "laneSize", "2"),
                    SequencerChecksTest.context(SequencerDriver.trace(denial)));
            driver.advance(Duration.ofMillis(20));
            assertEquals(1L, latest(driver.frontier()).get(Stage.VISIBLE));
        }
    }

    @Test
    void itemsThatDisagreeAboutTheBatchAreDenied() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            driver.send(inBatch(proposal("s", "0"), batch, 0, 2).build());
            Proposal odd = inBatch(proposal("s", "1"), batch, 1, 2).build();
            odd.getBatch().setSize(3);
            driver.send(odd);
            List<JournalEvent> journal = driver.journal();
            assertEquals(List.of(DenialCodes.BATCH_ABORTED, DenialCodes.INVALID_BATCH),
                    journal.stream().map(e -> SequencerDriver.trace(e).getCode()).toList());
            Proposal outOfRange = inBatch(proposal("s", "x"), TestProposals.uuid(), 5, 2).build();
            driver.send(outOfRange);
            assertEquals(DenialCodes.INVALID_BATCH, SequencerDriver.trace(SequencerChecksTest.single(driver)).getCode(),
                    "an item whose own description is impossible is denied at once");
        }
    }

    @Test
    void aQuarantinedItemAbortsTheRestOfItsBatch() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            driver.send(inBatch(proposal("s", "0"), batch, 0, 2).build());
            driver.send(inBatch(proposal("bad|entity", "1"), batch, 1, 2).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(2, journal.size());
            assertEquals("s", journal.get(0).getEntity());
            assertEquals(DenialCodes.BATCH_ABORTED, SequencerDriver.trace(journal.get(0)).getCode());
            assertEquals(SequencerProcessor.QUARANTINE_ENTITY, journal.get(1).getEntity());
            assertEquals(DenialCodes.INVALID_COORDINATE, SequencerDriver.trace(journal.get(1)).getCode());
        }
    }

    @Test
    void aKeyedBatchRetriedWholeWritesNothingAndPartlyIsDenied() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            UUID k0 = TestProposals.uuid();
            UUID k1 = TestProposals.uuid();
            driver.send(inBatch(keyed("s", "0", k0), batch, 0, 2).build());
            driver.send(inBatch(keyed("s", "1", k1), batch, 1, 2).build());
            assertEquals(2, driver.journal().size());
            driver.send(inBatch(keyed("s", "0", k0), batch, 0, 2).build());
            driver.send(inBatch(keyed("s", "1", k1), batch, 1, 2).build());
            assertEquals(List.of(), driver.journal(), "a retry of a decided batch is answered by the original");
            driver.send(inBatch(keyed("s", "1", k1), batch, 1, 2).build());
            assertEquals(List.of(), driver.journal(), "so is a re-sent single item of it");
            driver.advance(Duration.ofMillis(20));
            assertEquals(5L, latest(driver.frontier()).get(Stage.VISIBLE), "and it is not left waiting in a buffer");

            UUID mixed = TestProposals.uuid();
            driver.send(inBatch(keyed("s", "0", k0), mixed, 0, 2).build());
            driver.send(inBatch(keyed("s", "new", TestProposals.uuid()), mixed, 1, 2).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(List.of(DenialCodes.IDEMPOTENCY_PARTIAL_BATCH, DenialCodes.BATCH_ABORTED),
                    journal.stream().map(e -> SequencerDriver.trace(e).getCode()).toList());
        }
    }

    @Test
    void aRepeatedItemOfAnOpenBatchIsIgnored() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID batch = TestProposals.uuid();
            Proposal first = inBatch(proposal("s", "0"), batch, 0, 2).build();
            driver.send(first);
            driver.send(first);
            driver.send(inBatch(proposal("s", "1"), batch, 1, 2).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(List.of("0", "1"), journal.stream().map(SequencerDriver::payload).toList());
            Chains.verify(journal);
        }
    }

    static Map<Stage, Long> latest(List<FrontierPoint> points) {
        Map<Stage, Long> latest = new java.util.EnumMap<>(Stage.class);
        for (FrontierPoint point : points) {
            latest.put(point.getStage(), point.getOffset());
        }
        return latest;
    }

    private static String hex(UUID id) {
        return java.util.HexFormat.of().formatHex(dev.batpak.kafka.id.EventId.of(id).toBytes());
    }
}
