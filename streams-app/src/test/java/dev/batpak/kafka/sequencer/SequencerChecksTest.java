package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.expect;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.schemas.ContextEntry;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.GateEvaluation;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Verdict;
import dev.batpak.kafka.sequencer.internal.DenialIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in checks: each failure is a denial event on the proposal's own stream. */
class SequencerChecksTest {

    @TempDir
    Path stateDir;

    private SequencerDriver driver(int maxPayloadBytes) {
        return new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE)
                .maxPayloadBytes(maxPayloadBytes));
    }

    @Test
    void reservedKindIsDeniedOnTheStream() {
        try (SequencerDriver driver = driver(1000)) {
            Proposal p = proposal("s", "x").setKind(EventKind.EFFECT_ACK.raw()).build();
            long offset = driver.send(p);
            JournalEvent denial = single(driver);
            assertDenial(denial, "s", 0, DenialCodes.RESERVED_KIND, p, offset);
            assertEquals(Map.of("kind", "13:4"), context(SequencerDriver.trace(denial)));
            assertEquals(List.of("PERMIT", "PERMIT", "DENY", "SKIPPED", "SKIPPED", "SKIPPED"),
                    verdicts(SequencerDriver.trace(denial)));
        }
    }

    @Test
    void payloadOverTheLimitIsDeniedAndAtTheLimitPasses() {
        try (SequencerDriver driver = driver(100)) {
            driver.send(TestProposals.withPayload(proposal("big", ""), new byte[100]).build());
            Proposal tooBig = TestProposals.withPayload(proposal("big", ""), new byte[101]).build();
            long offset = driver.send(tooBig);
            List<JournalEvent> journal = driver.journal();
            assertEquals(TestProposals.KIND, journal.get(0).getKind());
            assertDenial(journal.get(1), "big", 1, DenialCodes.PAYLOAD_TOO_LARGE, tooBig, offset);
            assertEquals(Map.of("size", "101", "limit", "100"), context(SequencerDriver.trace(journal.get(1))));
            Chains.verify(journal);
        }
    }

    @Test
    void causesAndExtensionsCountTowardsTheLimit() {
        try (SequencerDriver driver = driver(100)) {
            Proposal p = TestProposals.withPayload(proposal("big", ""), new byte[90])
                    .setExtensions(List.of(new dev.batpak.kafka.schemas.Extension("app.tag",
                            java.nio.ByteBuffer.wrap(new byte[4]))))
                    .build();
            driver.send(p);
            assertEquals(DenialCodes.PAYLOAD_TOO_LARGE, SequencerDriver.trace(single(driver)).getCode());
        }
    }

    @Test
    void clockSkewBeyondTheLimitIsDeniedWithoutMovingTheClock() {
        try (SequencerDriver driver = driver(1000)) {
            long farAhead = HlcTimestamp.of(driver.wallMillis() + 3_600_000, 0).packed();
            Proposal p = proposal("skew", "x").setHlc(farAhead).build();
            driver.send(p);
            JournalEvent denial = single(driver);
            assertEquals(DenialCodes.CLOCK_SKEW, SequencerDriver.trace(denial).getCode());
            assertEquals(-1, Long.compareUnsigned(denial.getHlc(), farAhead),
                    "a denied far-future stamp must not drag the sequencer's clock forward");
        }
    }

    @Test
    void exactExpectationPassesOnlyAtTheHeadClock() {
        try (SequencerDriver driver = driver(1000)) {
            Proposal onEmpty = expect(proposal("cas", "a"), 0).build();
            long offset = driver.send(onEmpty);
            driver.send(proposal("cas", "first").build());
            driver.send(expect(proposal("cas", "b"), 1).build());
            Proposal stale = expect(proposal("cas", "c"), 1).build();
            long staleOffset = driver.send(stale);
            driver.send(expect(proposal("cas", "d"), 3).build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(5, journal.size());
            assertDenial(journal.get(0), "cas", 0, DenialCodes.SEQUENCE_MISMATCH, onEmpty, offset);
            assertEquals(Map.of("expected", "0", "actual", "empty"), context(SequencerDriver.trace(journal.get(0))));
            assertEquals(TestProposals.KIND, journal.get(1).getKind());
            assertEquals(TestProposals.KIND, journal.get(2).getKind(), "EXACT 1 passes at head clock 1");
            assertDenial(journal.get(3), "cas", 3, DenialCodes.SEQUENCE_MISMATCH, stale, staleOffset);
            assertEquals(Map.of("expected", "1", "actual", "2"), context(SequencerDriver.trace(journal.get(3))));
            assertEquals(TestProposals.KIND, journal.get(4).getKind(), "the denial took clock 3: EXACT 3 passes");
            Chains.verify(journal);
        }
    }

    @Test
    void emptyExpectationPassesOnlyOnANewStream() {
        try (SequencerDriver driver = driver(1000)) {
            driver.send(proposal("new", "a").setExpectation(ExpectationMode.EMPTY).build());
            Proposal second = proposal("new", "b").setExpectation(ExpectationMode.EMPTY).build();
            long offset = driver.send(second);
            List<JournalEvent> journal = driver.journal();
            assertEquals(TestProposals.KIND, journal.get(0).getKind());
            assertDenial(journal.get(1), "new", 1, DenialCodes.SEQUENCE_MISMATCH, second, offset);
            assertEquals(Map.of("expected", "empty", "actual", "0"), context(SequencerDriver.trace(journal.get(1))));
        }
    }

    @Test
    void denialEventsCarryADeterministicIdAndTheProposalsCorrelation() {
        try (SequencerDriver driver = driver(1000)) {
            Proposal p = proposal("det", "x").setKind(0x0002).build();
            long offset = driver.send(p);
            JournalEvent denial = single(driver);
            assertArrayEquals(DenialIds.derive(p.getEventId().bytes(), 0, offset), denial.getEventId().bytes());
            assertEquals(8, (denial.getEventId().bytes()[6] & 0xF0) >> 4, "UUID version 8");
            assertEquals(0x80, denial.getEventId().bytes()[8] & 0xC0, "RFC 9562 variant");
            assertArrayEquals(p.getCorrelationId().bytes(), denial.getCorrelationId().bytes());
            assertFalse(denial.getKeyed());
        }
    }

    static JournalEvent single(SequencerDriver driver) {
        List<JournalEvent> journal = driver.journal();
        assertEquals(1, journal.size(), "exactly one journal record");
        return journal.get(0);
    }

    static void assertDenial(JournalEvent denial, String entity, long clock, String code, Proposal proposal,
            long offset) {
        assertEquals(EventKind.SYSTEM_DENIAL.raw(), denial.getKind(), "a denial has kind SYSTEM_DENIAL");
        assertEquals(entity, denial.getEntity());
        assertEquals(clock, denial.getClock(), "a denial takes the stream's next clock");
        assertEquals(PayloadEncoding.AVRO, denial.getEncoding());
        assertEquals(1, denial.getPayloadVersion());
        assertEquals(offset, denial.getProposalOffset());
        DenialTrace trace = SequencerDriver.trace(denial);
        assertEquals(code, trace.getCode());
        assertEquals(offset, trace.getProposalOffset());
        assertArrayEquals(proposal.getEventId().bytes(), trace.getProposedEventId().bytes());
        assertEquals(proposal.getKind(), trace.getProposedKind());
        assertArrayEquals(proposal.getContentHash().bytes(), trace.getProposedContentHash().bytes());
        assertNull(trace.getRecordHash(), "only undecodable records carry a record hash");
    }

    static Map<String, String> context(DenialTrace trace) {
        return trace.getContext().stream().collect(Collectors.toMap(ContextEntry::getKey, ContextEntry::getValue));
    }

    static List<String> verdicts(DenialTrace trace) {
        return trace.getEvaluations().stream().map(GateEvaluation::getVerdict).map(Verdict::name).toList();
    }
}
