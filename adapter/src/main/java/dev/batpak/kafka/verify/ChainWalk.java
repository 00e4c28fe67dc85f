package dev.batpak.kafka.verify;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.receipt.CommitReceipt;
import dev.batpak.kafka.receipt.EventHashException;
import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.receipt.ReceiptFormatException;
import dev.batpak.kafka.receipt.ReceiptSignature;
import dev.batpak.kafka.receipt.ReceiptVerification;
import dev.batpak.kafka.receipt.ReceiptVerifier;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One pass over a journal: takes records one at a time, in offset order per partition, checks
 * each event on its own (decoding, id uniqueness, lane, hashes, well-formedness, signature) and
 * hands it to its stream's {@link StreamChain} for the structure checks. Records are not kept, so
 * a journal of any size streams through; memory grows with the number of distinct event ids and
 * streams, and with the events of broken streams.
 *
 * <p>Each event yields at most one finding per code, and the checks are independent of each
 * other so that a finding names a cause: a changed payload is a content hash mismatch at that
 * event and nothing at its successor (links compare stored hashes), a duplicated record is a
 * duplicate id and is kept out of its stream (so it is not also a fork).
 *
 * <p>Not thread-safe; one walk per verification.
 */
final class ChainWalk {

    private final VerifyingKeys keys;
    private final int maxFindings;
    private final EventIdIndex ids = new EventIdIndex();
    private final Map<StreamKey, StreamChain> streams = new LinkedHashMap<>();
    private final Map<Integer, Long> lastOffsets = new HashMap<>();
    private final List<Finding> kept = new ArrayList<>();
    private final EnumMap<FindingCode, Long> counts = new EnumMap<>(FindingCode.class);
    private long findingCount;
    private long recordsRead;
    private long eventsChecked;
    private long signedEvents;
    private long verifiedSignatures;
    private boolean finished;

    private record StreamKey(int lane, String entity) {
    }

    private final RecordCodec<JournalEvent> codec;

    ChainWalk(VerifyingKeys keys, int maxFindings, RecordCodec<JournalEvent> codec) {
        this.codec = codec;
        this.keys = keys;
        this.maxFindings = maxFindings;
    }

    /**
     * Checks the next record.
     *
     * @throws IllegalArgumentException if the record's offset is not above the last one of its partition
     */
    void accept(JournalRecord record) {
        if (finished) {
            throw new IllegalStateException("the walk has finished; start a new one");
        }
        int lane = record.partition();
        long offset = record.offset();
        Long last = lastOffsets.get(lane);
        if (last != null && offset <= last) {
            throw new IllegalArgumentException("records of partition " + lane
                    + " must come in increasing offset order, as a consumer reads them: offset " + offset
                    + " came after offset " + last);
        }
        lastOffsets.put(lane, offset);
        recordsRead++;
        if (record.value() == null) {
            report(Finding.atRecord(FindingCode.UNDECODABLE_RECORD, lane, offset,
                    "the record has no value (a tombstone); the journal holds only events"));
            return;
        }
        JournalEvent event;
        try {
            event = codec.decode(record.value());
        } catch (MalformedRecordException e) {
            report(Finding.atRecord(FindingCode.UNDECODABLE_RECORD, lane, offset, "the value (" + record.value().length
                    + " bytes) is not a JournalEvent: " + e.reason() + ": " + e.detail()));
            return;
        }
        eventsChecked++;
        checkEvent(lane, offset, event);
    }

    /** Records that journal partition {@code lane} begins at {@code firstOffset} > 0: its head was deleted. */
    void laneTruncated(int lane, long firstOffset) {
        report(Finding.atRecord(FindingCode.LANE_TRUNCATED, lane, firstOffset, "journal partition " + lane
                + " starts at offset " + firstOffset + ", not 0: earlier records were deleted (retention or"
                + " DeleteRecords), so streams that began there cannot be checked from their start; the journal"
                + " topic must keep retention.ms=-1"));
    }

    /**
     * Ends the walk and builds the report.
     *
     * @param store the store name, or null
     * @param lanes the journal's partition count, or -1 to count the partitions that had records
     */
    VerificationReport finish(String store, int lanes) {
        if (!finished) {
            finished = true;
            streams.values().forEach(stream -> stream.finish(this::report));
        }
        List<Finding> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingInt(Finding::lane).thenComparingLong(Finding::journalOffset)
                .thenComparing(Finding::code));
        return new VerificationReport(store, recordsRead, eventsChecked, streams.size(),
                lanes >= 0 ? lanes : lastOffsets.size(), signedEvents, verifiedSignatures, keys.size(), findingCount,
                counts, sorted);
    }

    private void checkEvent(int lane, long offset, JournalEvent event) {
        EventId id = EventId.fromBytes(event.getEventId().bytes());
        At at = new At(lane, offset, id, event.getEntity(), event.getClock());
        UUID bits = id.value();
        int earlier = ids.addOrFind(bits.getMostSignificantBits(), bits.getLeastSignificantBits(), lane, offset);
        boolean duplicate = earlier >= 0;
        if (duplicate) {
            report(at.finding(FindingCode.DUPLICATE_EVENT_ID, "event id " + id + " was already used by the record at lane "
                    + ids.laneAt(earlier) + " offset " + ids.offsetAt(earlier)
                    + ": a record was written twice, or two events share an id"));
        }
        if (event.getLane() != lane) {
            report(at.finding(FindingCode.WRONG_LANE, "the event says lane " + event.getLane()
                    + " but was read from journal partition " + lane
                    + ": it was written to the wrong partition, or its lane field was changed"));
        }
        List<String> malformed = new ArrayList<>();
        checkHashes(at, event, malformed);
        checkSignature(at, event, malformed);
        if (!malformed.isEmpty()) {
            report(at.finding(FindingCode.MALFORMED_EVENT, String.join("; ", malformed)));
        }
        // A duplicate stays out of its stream: it is already reported, and would otherwise also be a fork.
        if (!duplicate && event.getClock() >= 0) {
            streams.computeIfAbsent(new StreamKey(lane, event.getEntity()), key -> new StreamChain(key.lane, key.entity))
                    .accept(offset, event.getClock(), id, event.getPrevHash().bytes(), event.getEventHash().bytes(),
                            this::report);
        }
    }

    /** Content hash first: a changed payload breaks both hashes, and the content hash says it was the payload. */
    private void checkHashes(At at, JournalEvent event, List<String> malformed) {
        byte[] stored = event.getContentHash().bytes();
        byte[] content = EventHashing.contentHash(event.getPayload());
        if (!MessageDigest.isEqual(content, stored)) {
            report(at.finding(FindingCode.CONTENT_HASH_MISMATCH, "the payload (" + event.getPayload().remaining()
                    + " bytes) hashes to " + Hex.of(content) + " but the event stores contentHash " + Hex.of(stored)
                    + ": the payload was changed after sealing"));
            return;
        }
        byte[] recomputed;
        try {
            recomputed = EventHashing.eventHash(event);
        } catch (EventHashException e) {
            malformed.add("its event hash cannot be computed: " + e.getMessage());
            return;
        }
        byte[] storedHash = event.getEventHash().bytes();
        if (!MessageDigest.isEqual(recomputed, storedHash)) {
            report(at.finding(FindingCode.EVENT_HASH_MISMATCH, "the event hash recomputes to " + Hex.of(recomputed)
                    + " but the event stores " + Hex.of(storedHash)
                    + ": a hashed header field or the prev hash was changed after sealing"));
        }
    }

    /**
     * With keys, every event must carry a signature that verifies; without, a signature that is
     * present must be well formed (there is nothing to verify it with) and unsigned events pass.
     * The verdict comes from {@link ReceiptVerifier}, so the finding carries its reason code.
     */
    private void checkSignature(At at, JournalEvent event, List<String> malformed) {
        JournalEvent forReceipt = event;
        boolean malformedBlock = false;
        if (event.getSignature() != null) {
            int length = event.getSignature().getSignature().remaining();
            if (length != 0 && length != ReceiptSignature.SIGNATURE_LENGTH) {
                signedEvents++;
                malformedBlock = true;
                report(at.finding(FindingCode.BAD_SIGNATURE, "malformed signature block: " + length
                        + " signature bytes, an Ed25519 signature has " + ReceiptSignature.SIGNATURE_LENGTH));
                // Still check that the rest of the event is a well-formed receipt.
                forReceipt = JournalEvent.newBuilder(event).setSignature(null).build();
            }
        }
        CommitReceipt receipt;
        try {
            receipt = CommitReceipt.fromJournal(forReceipt);
        } catch (ReceiptFormatException e) {
            malformed.add(e.getMessage());
            return;
        }
        if (malformedBlock) {
            return;
        }
        if (receipt.signature().isPresent() && !receipt.signature().get().isUnsignedSentinel()) {
            signedEvents++;
        }
        ReceiptVerification verdict;
        if (keys.isEmpty()) {
            verdict = ReceiptVerifier.verify(receipt, keys);
            if (verdict instanceof ReceiptVerification.Invalid invalid
                    && invalid.reason() == ReceiptVerification.Reason.UNKNOWN_SIGNING_KEY) {
                return;
            }
        } else {
            verdict = ReceiptVerifier.verifyAgainst(receipt, event, keys);
            if (verdict instanceof ReceiptVerification.Invalid invalid
                    && invalid.reason() == ReceiptVerification.Reason.EVENT_HASH_RECOMPUTE_MISMATCH) {
                // The hash check has reported that already; what is left to say is whether the signature holds.
                verdict = ReceiptVerifier.verify(receipt, keys);
            }
        }
        if (verdict.isSigned()) {
            verifiedSignatures++;
        } else if (verdict instanceof ReceiptVerification.Invalid invalid) {
            FindingCode code = invalid.reason() == ReceiptVerification.Reason.UNSIGNED_RECEIPT_REJECTED
                    ? FindingCode.UNSIGNED_EVENT : FindingCode.BAD_SIGNATURE;
            report(at.finding(code, invalid.reason().code() + ": " + invalid.detail()));
        }
    }

    private void report(Finding finding) {
        findingCount++;
        counts.merge(finding.code(), 1L, Long::sum);
        if (kept.size() < maxFindings) {
            kept.add(finding);
        }
    }

    /** Where an event was read, to make its findings. */
    private record At(int lane, long offset, EventId eventId, String entity, long clock) {
        Finding finding(FindingCode code, String message) {
            return new Finding(code, lane, offset, eventId, entity, clock, message);
        }
    }
}
