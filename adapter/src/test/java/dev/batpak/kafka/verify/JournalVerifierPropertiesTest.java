package dev.batpak.kafka.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.verify.TestJournal.Expected;
import dev.batpak.kafka.verify.TestJournal.Pos;
import dev.batpak.kafka.verify.TestJournal.Spec;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/**
 * Valid journals verify with no finding; one change to a valid journal gives exactly the
 * findings that change implies, at the records it touched, and nothing else.
 */
class JournalVerifierPropertiesTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.of(SigningKey.generate());
    private static final VerifyingKeys TRUSTED = VerifyingKeys.of(SIGNER.verifyingKey());
    private static final JournalVerifier WITH_KEYS = JournalVerifier.of(TRUSTED);
    private static final JournalVerifier WITHOUT_KEYS = JournalVerifier.withoutKeys();

    @Provide
    Arbitrary<List<Spec>> specs() {
        // Few entities and lanes, so streams are long and entities appear on several lanes (branches).
        return Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12))
                .as(Spec::new)
                .list().ofMinSize(1).ofMaxSize(30);
    }

    private static TestJournal journal(int lanes, List<Spec> specs, boolean signed) {
        return TestJournal.build(lanes, specs, signed ? SIGNER : null);
    }

    private static JournalVerifier verifier(boolean signed) {
        return signed ? WITH_KEYS : WITHOUT_KEYS;
    }

    private static Set<Expected> findings(VerificationReport report) {
        return report.findings().stream().map(Expected::of).collect(Collectors.toSet());
    }

    private static void assertFindings(Set<Expected> expected, VerificationReport report, String property) {
        assertEquals(expected, findings(report), "PROPERTY: " + property + "\n" + report.summary());
        assertEquals(expected.size(), report.findingCount(), "PROPERTY: one finding per expected cause");
        assertEquals(expected.isEmpty(), report.isIntact());
    }

    /** The finding at {@code pos} names that event. */
    private static void assertNamesEvent(VerificationReport report, TestJournal journal, Pos pos, FindingCode code) {
        Finding f = report.findings().stream()
                .filter(x -> x.code() == code && x.lane() == pos.partition() && x.journalOffset() == pos.offset())
                .findFirst().orElseThrow();
        JournalEvent e = journal.event(pos);
        assertTrue(java.util.Arrays.equals(e.getEventId().bytes(), f.eventId().toBytes()), "PROPERTY: the finding names the event");
        assertEquals(e.getEntity(), f.entity());
        assertEquals(e.getClock(), f.clock());
    }

    private static Pos pick(TestJournal journal, int choice) {
        List<Pos> positions = journal.eventPositions();
        return positions.get(Math.floorMod(choice, positions.size()));
    }

    // ---- valid journals

    @Property(tries = 200)
    void aValidJournalHasNoFinding(@ForAll @IntRange(min = 1, max = 3) int lanes, @ForAll("specs") List<Spec> specs) {
        TestJournal journal = journal(lanes, specs, false);
        VerificationReport report = WITHOUT_KEYS.verify(journal.records());
        assertTrue(report.isIntact(), "PROPERTY: a valid journal is intact\n" + report.summary());
        assertEquals(specs.size(), report.eventsChecked());
        assertEquals(specs.size(), report.recordsRead());
        assertEquals(journal.streamCount(), report.streams(), "PROPERTY: one stream per (entity, lane)");
        assertEquals(journal.nonEmptyPartitions(), report.lanes());
        assertEquals(0, report.signedEvents());
        assertEquals(VerificationReport.EXIT_INTACT, report.exitCode());
    }

    @Property(tries = 60) // Ed25519 per event
    void aSignedJournalVerifiesWithItsKey(@ForAll @IntRange(min = 1, max = 3) int lanes, @ForAll("specs") List<Spec> specs) {
        TestJournal journal = journal(lanes, specs, true);
        VerificationReport report = WITH_KEYS.verify(journal.records());
        assertTrue(report.isIntact(), "PROPERTY: a valid signed journal is intact with its key\n" + report.summary());
        assertEquals(specs.size(), report.signedEvents());
        assertEquals(specs.size(), report.verifiedSignatures(), "PROPERTY: every signature verified");
        assertEquals(1, report.verifyingKeys());

        VerificationReport keyless = WITHOUT_KEYS.verify(journal.records());
        assertTrue(keyless.isIntact(), "PROPERTY: without keys, well-formed signatures pass");
        assertEquals(specs.size(), keyless.signedEvents());
        assertEquals(0, keyless.verifiedSignatures(), "PROPERTY: without keys nothing is verified");
    }

    @Property(tries = 40)
    void withKeysEveryUnsignedEventIsAFinding(@ForAll @IntRange(min = 1, max = 3) int lanes, @ForAll("specs") List<Spec> specs) {
        TestJournal journal = journal(lanes, specs, false);
        VerificationReport report = WITH_KEYS.verify(journal.records());
        Set<Expected> expected = journal.eventPositions().stream()
                .map(pos -> Expected.at(FindingCode.UNSIGNED_EVENT, pos)).collect(Collectors.toSet());
        assertFindings(expected, report, "with keys configured, unsigned events are refused");
        assertTrue(report.findings().stream().allMatch(f -> f.message().startsWith("unsigned_receipt_rejected")),
                "PROPERTY: the finding carries the receipt verifier's reason");
    }

    @Property(tries = 40)
    void aSignatureByAnUnknownKeyIsAFinding(@ForAll("specs") List<Spec> specs, @ForAll int choice) {
        TestJournal journal = journal(2, specs, true);
        Pos x = pick(journal, choice);
        ReceiptSigner stranger = ReceiptSigner.of(SigningKey.generate());
        TestJournal forged = journal.withEvent(x, e -> TestJournal.seal(e, stranger));
        VerificationReport report = WITH_KEYS.verify(forged.records());
        assertFindings(Set.of(Expected.at(FindingCode.BAD_SIGNATURE, x)), report, "a signature by an untrusted key is refused");
        assertTrue(report.findings().get(0).message().startsWith("unknown_signing_key"));
    }

    // ---- one change each

    @Property(tries = 200)
    void aFlippedPayloadByteIsAContentHashMismatchAtThatEvent(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll @IntRange(min = 0, max = 11) int at,
            @ForAll boolean signed) {
        TestJournal journal = journal(lanes, specs, signed);
        Pos x = pick(journal, choice);
        TestJournal tampered = journal.withEvent(x, e -> withPayloadBitFlipped(e, at));
        VerificationReport report = verifier(signed).verify(tampered.records());
        // The signature covers the stored content hash, not the payload, so it still verifies:
        // proof that the payload changed after signing.
        assertFindings(Set.of(Expected.at(FindingCode.CONTENT_HASH_MISMATCH, x)), report,
                "a changed payload is one content hash mismatch at that event");
        assertNamesEvent(report, tampered, x, FindingCode.CONTENT_HASH_MISMATCH);
    }

    @Property(tries = 100)
    void aResealedPayloadChangeBreaksTheLinkOfTheNextEventOrTheSignature(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll @IntRange(min = 0, max = 11) int at,
            @ForAll boolean signed) {
        TestJournal journal = journal(lanes, specs, signed);
        Pos x = pick(journal, choice);
        // Whoever changed the payload recomputed both hashes (and cannot re-sign without the key).
        TestJournal tampered = journal.withEvent(x, e -> EventHashing.seal(withPayloadBitFlipped(e, at)));
        Set<Expected> expected = new HashSet<>();
        Pos next = journal.successor(x);
        if (next != null) {
            expected.add(Expected.at(FindingCode.BROKEN_LINK, next));
        }
        if (signed) {
            expected.add(Expected.at(FindingCode.BAD_SIGNATURE, x));
        }
        VerificationReport report = verifier(signed).verify(tampered.records());
        assertFindings(expected, report, "a re-sealed change breaks the successor's link (and the signature)");
    }

    @Property(tries = 200)
    void swappingTwoEventsOfAStreamIsReportedAsOutOfOrder(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll int other) {
        TestJournal journal = journal(lanes, specs, false);
        List<Pos> candidates = journal.eventPositions().stream().filter(p -> journal.streamOf(p).size() >= 2).toList();
        Assume.that(!candidates.isEmpty());
        Pos x = candidates.get(Math.floorMod(choice, candidates.size()));
        List<Pos> stream = journal.streamOf(x);
        int otherIndex = Math.floorMod(other, stream.size() - 1);
        Pos a = stream.get(otherIndex >= stream.indexOf(x) ? otherIndex + 1 : otherIndex);
        Pos first = a.index() < x.index() ? a : x;
        Pos second = a.index() < x.index() ? x : a;
        long gap = journal.event(second).getClock() - journal.event(first).getClock();
        TestJournal swapped = journal.swapping(first, second);
        Statistics.collect(gap == 1 ? "adjacent clocks" : "clocks apart");
        Statistics.coverage(c -> {
            c.check("adjacent clocks").count(n -> n >= 20);
            c.check("clocks apart").count(n -> n >= 20);
        });
        VerificationReport report = WITHOUT_KEYS.verify(swapped.records());
        // Adjacent clocks read the wrong way round: the one read second is out of place.
        // Clocks further apart: both moved, the events between are where they belong.
        Set<Expected> expected = gap == 1
                ? Set.of(Expected.at(FindingCode.CLOCK_OUT_OF_ORDER, second))
                : Set.of(Expected.at(FindingCode.CLOCK_OUT_OF_ORDER, first), Expected.at(FindingCode.CLOCK_OUT_OF_ORDER, second));
        assertFindings(expected, report, "swapping clocks " + journal.event(first).getClock() + " and "
                + journal.event(second).getClock() + " reports the moved events");
    }

    @Property(tries = 200)
    void droppingAnEventIsAGapAtItsSuccessor(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll boolean signed) {
        TestJournal journal = journal(lanes, specs, signed);
        Pos x = pick(journal, choice);
        Pos next = journal.successor(x);
        TestJournal dropped = journal.removing(x);
        Statistics.collect(next == null ? "stream tail" : "inside a stream");
        Statistics.coverage(c -> c.check("inside a stream").count(n -> n >= 20));
        VerificationReport report = verifier(signed).verify(dropped.records());
        // The successor moves up one position. A dropped stream tail leaves no trace in the chain.
        Set<Expected> expected = next == null ? Set.of()
                : Set.of(Expected.at(FindingCode.CLOCK_GAP, new Pos(next.partition(), next.index() - 1)));
        assertFindings(expected, report, "a dropped event is a gap at its successor");
        assertEquals(specs.size() - 1, report.eventsChecked());
    }

    @Property(tries = 200)
    void aDuplicatedRecordIsADuplicateEventIdAtTheCopy(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll int where, @ForAll boolean signed) {
        TestJournal journal = journal(lanes, specs, signed);
        Pos x = pick(journal, choice);
        int size = journal.partition(x.partition()).size();
        Pos copyAt = new Pos(x.partition(), x.index() + 1 + Math.floorMod(where, size - x.index()));
        TestJournal duplicated = journal.inserting(copyAt, TestJournal.Entry.of(journal.event(x)));
        VerificationReport report = verifier(signed).verify(duplicated.records());
        assertFindings(Set.of(Expected.at(FindingCode.DUPLICATE_EVENT_ID, copyAt)), report,
                "a record written twice is one duplicate id at the copy");
        assertTrue(report.findings().get(0).message().contains("offset " + x.offset()), "PROPERTY: the finding names the original");
    }

    @Property(tries = 200)
    void aChangedPrevHashBreaksThatEventsLinkAndHash(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll @IntRange(min = 0, max = 31) int at,
            @ForAll boolean signed) {
        TestJournal journal = journal(lanes, specs, signed);
        Pos x = pick(journal, choice);
        TestJournal tampered = journal.withEvent(x, e -> {
            byte[] prev = e.getPrevHash().bytes().clone();
            prev[at] ^= 0x01;
            return JournalEvent.newBuilder(e).setPrevHash(new Hash32(prev)).build();
        });
        Set<Expected> expected = new HashSet<>(Set.of(
                Expected.at(journal.event(x).getClock() == 0 ? FindingCode.BAD_GENESIS : FindingCode.BROKEN_LINK, x),
                Expected.at(FindingCode.EVENT_HASH_MISMATCH, x)));
        if (signed) {
            expected.add(Expected.at(FindingCode.BAD_SIGNATURE, x));
        }
        VerificationReport report = verifier(signed).verify(tampered.records());
        assertFindings(expected, report, "a changed prev hash is a broken link (or genesis) at that event");
    }

    @Property(tries = 200)
    void aChangedLaneFieldIsAWrongLaneAtThatEvent(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll @IntRange(min = 1, max = 5) int shift,
            @ForAll boolean reseal) {
        TestJournal journal = journal(lanes, specs, false);
        Pos x = pick(journal, choice);
        TestJournal tampered = journal.withEvent(x, e -> {
            JournalEvent moved = JournalEvent.newBuilder(e).setLane(e.getLane() + shift).build();
            return reseal ? EventHashing.seal(moved) : moved;
        });
        Set<Expected> expected = new HashSet<>(Set.of(Expected.at(FindingCode.WRONG_LANE, x)));
        Pos next = journal.successor(x);
        if (!reseal) {
            expected.add(Expected.at(FindingCode.EVENT_HASH_MISMATCH, x));
        } else if (next != null) {
            expected.add(Expected.at(FindingCode.BROKEN_LINK, next));
        }
        VerificationReport report = WITHOUT_KEYS.verify(tampered.records());
        assertFindings(expected, report, "an event whose lane is not its partition is a wrong lane");
        assertNamesEvent(report, tampered, x, FindingCode.WRONG_LANE);
    }

    @Property(tries = 100)
    void anUndecodableRecordIsAFindingAndVerificationGoesOn(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll boolean before,
            @ForAll("garbage") byte[] garbage) {
        TestJournal journal = journal(lanes, specs, false);
        Pos x = pick(journal, choice);
        Pos at = before ? x : new Pos(x.partition(), x.index() + 1);
        TestJournal withGarbage = journal.inserting(at, new TestJournal.Entry(null, garbage));
        VerificationReport report = WITHOUT_KEYS.verify(withGarbage.records());
        assertFindings(Set.of(Expected.at(FindingCode.UNDECODABLE_RECORD, at)), report, "garbage is one undecodable record");
        Finding f = report.findings().get(0);
        assertEquals(null, f.eventId());
        assertEquals(Finding.UNKNOWN_CLOCK, f.clock());
        assertEquals(specs.size(), report.eventsChecked(), "PROPERTY: every event after the garbage was still checked");
        assertEquals(specs.size() + 1, report.recordsRead());
    }

    @Property(tries = 100)
    void aForkIsADuplicateClockAtTheSecondEvent(@ForAll @IntRange(min = 1, max = 3) int lanes,
            @ForAll("specs") List<Spec> specs, @ForAll int choice, @ForAll int where) {
        TestJournal journal = journal(lanes, specs, false);
        Pos x = pick(journal, choice);
        // A second sequencer sealed a different event at the same position, correctly linked.
        JournalEvent fork = TestJournal.seal(JournalEvent.newBuilder(journal.event(x))
                .setEventId(TestJournal.id(1_000_000))
                .setPayload(ByteBuffer.wrap(new byte[] {42}))
                .build(), null);
        int size = journal.partition(x.partition()).size();
        Pos forkAt = new Pos(x.partition(), x.index() + 1 + Math.floorMod(where, size - x.index()));
        VerificationReport report = WITHOUT_KEYS.verify(journal.inserting(forkAt, TestJournal.Entry.of(fork)).records());
        assertFindings(Set.of(Expected.at(FindingCode.DUPLICATE_CLOCK, forkAt)), report, "a fork is a duplicate clock");
    }

    @Property(tries = 40)
    void withKeysAStrippedSignatureIsAnUnsignedEvent(@ForAll("specs") List<Spec> specs, @ForAll int choice) {
        TestJournal journal = journal(2, specs, true);
        Pos x = pick(journal, choice);
        TestJournal stripped = journal.withEvent(x, e -> JournalEvent.newBuilder(e).setSignature(null).build());
        VerificationReport report = WITH_KEYS.verify(stripped.records());
        assertFindings(Set.of(Expected.at(FindingCode.UNSIGNED_EVENT, x)), report,
                "with keys, removing a signature does not downgrade the event to unsigned-but-fine");
        assertTrue(WITHOUT_KEYS.verify(stripped.records()).isIntact(), "PROPERTY: without keys it is accepted");
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }

    private static JournalEvent withPayloadBitFlipped(JournalEvent e, int at) {
        ByteBuffer payload = e.getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        bytes[at % bytes.length] ^= 0x01;
        return JournalEvent.newBuilder(e).setPayload(ByteBuffer.wrap(bytes)).build();
    }
}
