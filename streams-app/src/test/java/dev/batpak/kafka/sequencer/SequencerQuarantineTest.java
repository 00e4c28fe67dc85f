package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.internal.SequencerProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records that are not valid proposals become denials on the lane's quarantine stream; the lane goes on. */
class SequencerQuarantineTest {

    @TempDir
    Path stateDir;

    @Test
    void garbageInTheMiddleOfALaneIsQuarantinedAndLaterProposalsCommit() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            driver.send(proposal("s", "before").build());
            byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
            long garbageOffset = driver.sendRaw("s".getBytes(StandardCharsets.UTF_8), garbage);
            driver.sendRaw(null, null);
            driver.sendRaw(null, new byte[0]);
            driver.send(proposal("s", "after").build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(5, journal.size());
            assertEquals("before", SequencerDriver.payload(journal.get(0)));
            assertEquals("after", SequencerDriver.payload(journal.get(4)));
            assertEquals(1, journal.get(4).getClock(), "the garbage did not touch stream s");
            for (int i = 1; i <= 3; i++) {
                JournalEvent denial = journal.get(i);
                assertEquals(SequencerProcessor.QUARANTINE_ENTITY, denial.getEntity());
                assertEquals(SequencerProcessor.QUARANTINE_SCOPE, denial.getScope());
                assertEquals(EventKind.SYSTEM_DENIAL.raw(), denial.getKind());
                assertEquals(i - 1, denial.getClock(), "the quarantine stream is a chain of its own");
                DenialTrace trace = SequencerDriver.trace(denial);
                assertEquals(DenialCodes.MALFORMED, trace.getCode());
                assertNull(trace.getProposedEventId());
                assertEquals(i, trace.getProposalOffset());
            }
            DenialTrace first = SequencerDriver.trace(journal.get(1));
            assertEquals(garbageOffset, first.getProposalOffset());
            assertArrayEquals(Blake3.hash(garbage), first.getRecordHash().bytes(),
                    "the denial carries the BLAKE3 of the bytes it could not read");
            assertArrayEquals(Blake3.hash(new byte[0]), SequencerDriver.trace(journal.get(2)).getRecordHash().bytes(),
                    "a null value hashes as no bytes");
            assertEquals(2, Chains.verify(journal));
        }
    }

    @Test
    void anInvalidCoordinateIsQuarantinedWithTheReason() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            Proposal p = proposal("../etc/passwd", "x").build();
            long offset = driver.send(p);
            JournalEvent denial = SequencerChecksTest.single(driver);
            assertEquals(SequencerProcessor.QUARANTINE_ENTITY, denial.getEntity());
            DenialTrace trace = SequencerDriver.trace(denial);
            assertEquals(DenialCodes.INVALID_COORDINATE, trace.getCode());
            assertEquals("PATH_TRAVERSAL", SequencerChecksTest.context(trace).get("reason"));
            assertEquals("entity", SequencerChecksTest.context(trace).get("component"));
            assertArrayEquals(p.getEventId().bytes(), trace.getProposedEventId().bytes());
            assertEquals(offset, trace.getProposalOffset());
            assertArrayEquals(Blake3.hash(TestProposals.encode(p)), trace.getRecordHash().bytes());
            assertEquals(List.of("DENY", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"),
                    SequencerChecksTest.verdicts(trace));
        }
    }

    @Test
    void structurallyInvalidProposalsAreMalformed() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            driver.send(proposal("s", "x").setContentHash(new Hash32(new byte[32])).build());
            driver.send(proposal("s", "x").setKind(0x10000).build());
            driver.send(proposal("s", "x").setFormatVersion(2).build());
            driver.send(proposal("s", "x").setPayloadSchemaId(7).build());
            driver.send(proposal("s", "x").setExtensions(List.of(
                    new dev.batpak.kafka.schemas.Extension("nodot", java.nio.ByteBuffer.wrap(new byte[0])))).build());
            driver.send(proposal("s", "x").setExpectation(dev.batpak.kafka.schemas.ExpectationMode.EXACT)
                    .setExpectedSequence(-5).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(6, journal.size());
            for (JournalEvent denial : journal) {
                assertEquals(SequencerProcessor.QUARANTINE_ENTITY, denial.getEntity());
                assertEquals(DenialCodes.MALFORMED, SequencerDriver.trace(denial).getCode(),
                        SequencerDriver.trace(denial).getMessage());
            }
            Chains.verify(journal);
        }
    }
}
