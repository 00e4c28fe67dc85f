package dev.batpak.kafka.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.ReceiptSignature;
import dev.batpak.kafka.verify.TestJournal.Entry;
import dev.batpak.kafka.verify.TestJournal.Expected;
import dev.batpak.kafka.verify.TestJournal.Pos;
import dev.batpak.kafka.verify.TestJournal.Spec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cases the properties do not reach, or that are worth pinning by name. */
class JournalVerifierExamplesTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.of(SigningKey.generate());
    private static final JournalVerifier WITHOUT_KEYS = JournalVerifier.withoutKeys();
    private static final JournalVerifier WITH_KEYS = JournalVerifier.of(VerifyingKeys.of(SIGNER.verifyingKey()));

    /** One stream, {@code order:0} on lane 0, clocks 0..n-1 at positions 0..n-1. */
    private static TestJournal stream(int n, ReceiptSigner signer) {
        List<Spec> specs = IntStream.range(0, n).mapToObj(i -> new Spec(0, 0, new byte[] {(byte) i})).toList();
        return TestJournal.build(1, specs, signer);
    }

    private static Set<Expected> findings(VerificationReport report) {
        return report.findings().stream().map(Expected::of).collect(Collectors.toSet());
    }

    private static Pos at(int index) {
        return new Pos(0, index);
    }

    @Test
    void anEventMovedEarlyIsTheOnlyEventOutOfOrder() {
        TestJournal journal = stream(7, null);
        // 0 1 5 2 3 4 6: only 5 is out of place, not 2, 3 and 4.
        TestJournal moved = journal.removing(at(5)).inserting(at(2), Entry.of(journal.event(at(5))));
        VerificationReport report = WITHOUT_KEYS.verify(moved.records());
        assertEquals(Set.of(Expected.at(FindingCode.CLOCK_OUT_OF_ORDER, at(2))), findings(report), report.summary());
        assertTrue(report.findings().get(0).message().startsWith("clock 5 is read before clock 2"),
                report.findings().get(0).message());
    }

    @Test
    void aGapAndAReorderInOneStreamAreBothNamed() {
        // 0 3 1: clock 2 is missing and clock 1 came after clock 3.
        TestJournal journal = stream(4, null).removing(at(2)).swapping(at(1), at(2));
        VerificationReport report = WITHOUT_KEYS.verify(journal.records());
        assertEquals(Set.of(Expected.at(FindingCode.CLOCK_GAP, at(1)), Expected.at(FindingCode.CLOCK_OUT_OF_ORDER, at(2))),
                findings(report), report.summary());
        assertTrue(report.findings(FindingCode.CLOCK_GAP).get(0).message().startsWith("clock 2 of this stream is missing"));
    }

    @Test
    void severalMissingClocksAreOneGap() {
        TestJournal journal = stream(6, null).removing(at(1)).removing(at(1)).removing(at(1));
        VerificationReport report = WITHOUT_KEYS.verify(journal.records());
        assertEquals(Set.of(Expected.at(FindingCode.CLOCK_GAP, at(1))), findings(report));
        assertTrue(report.findings().get(0).message().startsWith("clocks 1..3 of this stream are missing"));
    }

    @Test
    void aLostGenesisIsAGapAtClockOne() {
        VerificationReport report = WITHOUT_KEYS.verify(stream(3, null).removing(at(0)).records());
        assertEquals(Set.of(Expected.at(FindingCode.CLOCK_GAP, at(0))), findings(report), report.summary());
    }

    @Test
    void aDuplicateInAnotherPartitionIsAlsoInTheWrongLane() {
        TestJournal journal = TestJournal.build(2, List.of(new Spec(0, 0, new byte[] {1}), new Spec(1, 1, new byte[] {2})), null);
        TestJournal copied = journal.inserting(new Pos(1, 1), Entry.of(journal.event(new Pos(0, 0))));
        VerificationReport report = WITHOUT_KEYS.verify(copied.records());
        assertEquals(Set.of(Expected.at(FindingCode.DUPLICATE_EVENT_ID, new Pos(1, 1)), Expected.at(FindingCode.WRONG_LANE, new Pos(1, 1))),
                findings(report), report.summary());
    }

    @Test
    void anEmptyJournalIsIntact() {
        VerificationReport report = WITHOUT_KEYS.verify(List.of());
        assertTrue(report.isIntact());
        assertEquals(0, report.recordsRead());
        assertEquals(0, report.streams());
        assertEquals(0, report.lanes());
    }

    @Test
    void aTombstoneIsAnUndecodableRecord() {
        List<JournalRecord> records = new ArrayList<>(stream(2, null).records());
        records.add(JournalRecord.of(0, 10, null));
        VerificationReport report = WITHOUT_KEYS.verify(records);
        assertEquals(Set.of(new Expected(FindingCode.UNDECODABLE_RECORD, 0, 10)), findings(report));
        assertTrue(report.findings().get(0).message().contains("tombstone"));
    }

    @Test
    void offsetsOfAPartitionMustIncrease() {
        List<JournalRecord> records = new ArrayList<>(stream(2, null).records());
        records.add(JournalRecord.of(0, 1, records.get(0).value()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WITHOUT_KEYS.verify(records));
        assertTrue(e.getMessage().contains("offset 1 came after offset 2"), e.getMessage());
    }

    @Test
    void aNewerFormatVersionIsAMalformedEvent() {
        TestJournal journal = stream(2, null);
        // formatVersion is outside the event hash, so the hashes still recompute.
        TestJournal newer = journal.withEvent(at(1), e -> JournalEvent.newBuilder(e).setFormatVersion(2).build());
        VerificationReport report = WITHOUT_KEYS.verify(newer.records());
        assertEquals(Set.of(Expected.at(FindingCode.MALFORMED_EVENT, at(1))), findings(report), report.summary());
        assertTrue(report.findings().get(0).message().contains("format version 2"), report.findings().get(0).message());
    }

    @Test
    void anInvalidCoordinateIsAMalformedEvent() {
        TestJournal journal = stream(1, null);
        TestJournal bad = journal.withEvent(at(0), e -> TestJournal.seal(JournalEvent.newBuilder(e).setEntity("").build(), null));
        VerificationReport report = WITHOUT_KEYS.verify(bad.records());
        assertEquals(Set.of(Expected.at(FindingCode.MALFORMED_EVENT, at(0))), findings(report), report.summary());
    }

    @Test
    void aNegativeClockIsAMalformedEventOutsideEveryStream() {
        TestJournal journal = stream(1, null);
        TestJournal bad = journal.withEvent(at(0), e -> JournalEvent.newBuilder(e).setClock(-5).build());
        VerificationReport report = WITHOUT_KEYS.verify(bad.records());
        assertEquals(Set.of(Expected.at(FindingCode.MALFORMED_EVENT, at(0))), findings(report), report.summary());
        assertEquals(0, report.streams());
    }

    @Test
    void aMalformedSignatureBlockIsABadSignatureWithOrWithoutKeys() {
        TestJournal journal = stream(2, SIGNER);
        TestJournal bad = journal.withEvent(at(1), e -> JournalEvent.newBuilder(e)
                .setSignature(new ReceiptSignature(e.getSignature().getKeyId(), ByteBuffer.wrap(new byte[10]))).build());
        for (JournalVerifier verifier : List.of(WITH_KEYS, WITHOUT_KEYS)) {
            VerificationReport report = verifier.verify(bad.records());
            assertEquals(Set.of(Expected.at(FindingCode.BAD_SIGNATURE, at(1))), findings(report), report.summary());
            assertTrue(report.findings().get(0).message().contains("10 signature bytes"));
        }
    }

    @Test
    void withoutKeysAZeroKeyWithSignatureBytesIsStillABadSignature() {
        TestJournal journal = stream(2, SIGNER);
        TestJournal bad = journal.withEvent(at(0), e -> JournalEvent.newBuilder(e)
                .setSignature(new ReceiptSignature(new Hash32(new byte[32]), e.getSignature().getSignature())).build());
        VerificationReport report = WITHOUT_KEYS.verify(bad.records());
        assertEquals(Set.of(Expected.at(FindingCode.BAD_SIGNATURE, at(0))), findings(report), report.summary());
        assertTrue(report.findings().get(0).message().startsWith("zero_key_with_signature"));
    }

    @Test
    void findingsBeyondTheLimitAreCountedButNotKept() {
        TestJournal journal = stream(10, null);
        VerificationReport report = WITH_KEYS.withMaxFindings(3).verify(journal.records());
        assertEquals(10, report.findingCount());
        assertEquals(3, report.findings().size());
        assertTrue(report.findingsTruncated());
        assertEquals(10L, report.findingCounts().get(FindingCode.UNSIGNED_EVENT));
        assertTrue(report.summary().contains("... and 7 more (raise the finding limit"), report.summary());
        assertEquals(VerificationReport.EXIT_FINDINGS, report.exitCode());
    }

    @Test
    void theSummaryGivesTheVerdictAndOneLinePerFinding() {
        TestJournal journal = stream(3, null);
        assertTrue(WITHOUT_KEYS.verify(journal.records()).summary()
                .startsWith("journal INTACT (3 events in 1 stream on 1 lane)\n"));
        VerificationReport broken = WITHOUT_KEYS.verify(journal.removing(at(1)).records());
        String summary = broken.summary();
        assertTrue(summary.startsWith("journal NOT INTACT (2 events in 1 stream on 1 lane)\n"), summary);
        assertTrue(summary.contains("1 finding: CLOCK_GAP 1\n"), summary);
        assertTrue(summary.contains("  lane 0 offset 2  CLOCK_GAP  " + broken.findings().get(0).eventId() + " order:0 clock 2: clock 1"),
                summary);
        assertTrue(broken.summary(0).contains("... and 1 more (see the JSON report)"), broken.summary(0));
    }

    @Test
    void theJsonReportHasEveryFieldAndNullsForARecordThatIsNotAnEvent() throws Exception {
        List<JournalRecord> records = new ArrayList<>(stream(2, SIGNER).removing(at(0)).records());
        records.add(JournalRecord.of(0, 9, new byte[] {1, 2, 3}));
        VerificationReport report = WITH_KEYS.verify(records);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertFalse(report.toJson().contains("\n"), "one line, for scripts");
        assertTrue(json.get("store").isNull());
        assertFalse(json.get("intact").asBoolean());
        assertEquals(2, json.get("recordsRead").asLong());
        assertEquals(1, json.get("eventsChecked").asLong());
        assertEquals(1, json.get("signedEvents").asLong());
        assertEquals(1, json.get("verifiedSignatures").asLong());
        assertEquals(1, json.get("verifyingKeys").asInt());
        assertEquals(2, json.get("findingCount").asLong());
        assertEquals(1, json.get("findingCounts").get("CLOCK_GAP").asLong());
        assertFalse(json.get("findingsTruncated").asBoolean());
        JsonNode gap = json.get("findings").get(0);
        assertEquals("CLOCK_GAP", gap.get("code").asText());
        assertEquals(0, gap.get("lane").asInt());
        assertEquals(0, gap.get("offset").asLong());
        assertEquals(report.findings().get(0).eventId().toString(), gap.get("eventId").asText());
        assertEquals("order:0", gap.get("entity").asText());
        assertEquals(1, gap.get("clock").asLong());
        JsonNode garbage = json.get("findings").get(1);
        assertEquals("UNDECODABLE_RECORD", garbage.get("code").asText());
        assertEquals(9, garbage.get("offset").asLong());
        assertTrue(garbage.get("eventId").isNull());
        assertTrue(garbage.get("entity").isNull());
        assertTrue(garbage.get("clock").isNull());
        assertTrue(garbage.get("message").asText().contains("BAD_HEADER"), garbage.get("message").asText());
    }
}
