package dev.batpak.kafka.receipt;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** One way to change exactly one signed field of a commit receipt, and the reason verifyAgainst must give. */
enum ReceiptField {
    EVENT_ID(ReceiptVerification.Reason.EVENT_ID_MISMATCH, r -> with(r, new EventId(new UUID(
            r.eventId().value().getMostSignificantBits(), r.eventId().value().getLeastSignificantBits() ^ 1)),
            r.coordinate(), r.lane(), r.clock(), r.proposalOffset(), r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    ENTITY(ReceiptVerification.Reason.COORDINATE_MISMATCH, r -> with(r, r.eventId(), Coordinate.of(r.coordinate().entity() + "x", r.coordinate().scope()),
            r.lane(), r.clock(), r.proposalOffset(), r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    SCOPE(ReceiptVerification.Reason.COORDINATE_MISMATCH, r -> with(r, r.eventId(), Coordinate.of(r.coordinate().entity(), r.coordinate().scope() + "x"),
            r.lane(), r.clock(), r.proposalOffset(), r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    LANE(ReceiptVerification.Reason.POSITION_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane() ^ 1, r.clock(), r.proposalOffset(),
            r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    CLOCK(ReceiptVerification.Reason.POSITION_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock() ^ 1, r.proposalOffset(),
            r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    PROPOSAL_OFFSET(ReceiptVerification.Reason.POSITION_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset() ^ 1,
            r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    KIND(ReceiptVerification.Reason.KIND_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
            EventKind.fromRaw(r.kind().raw() ^ 1), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    HLC(ReceiptVerification.Reason.HLC_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
            r.kind(), HlcTimestamp.fromPacked(r.hlc().packed() ^ 1), r.prevHash(), r.eventHash(), r.contentHash(), r.extensions())),
    PREV_HASH(ReceiptVerification.Reason.PREV_HASH_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
            r.kind(), r.hlc(), flip(r.prevHash()), r.eventHash(), r.contentHash(), r.extensions())),
    EVENT_HASH(ReceiptVerification.Reason.EVENT_HASH_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
            r.kind(), r.hlc(), r.prevHash(), flip(r.eventHash()), r.contentHash(), r.extensions())),
    CONTENT_HASH(ReceiptVerification.Reason.CONTENT_HASH_MISMATCH, r -> with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
            r.kind(), r.hlc(), r.prevHash(), r.eventHash(), flip(r.contentHash()), r.extensions())),
    EXTENSION_ADDED(ReceiptVerification.Reason.EXTENSIONS_MISMATCH, r -> {
        SortedMap<String, byte[]> ext = new TreeMap<>(r.extensions());
        ext.put("zz.added", new byte[0]);
        return with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
                r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), ext);
    }),
    EXTENSION_CHANGED_OR_REMOVED(ReceiptVerification.Reason.EXTENSIONS_MISMATCH, r -> {
        SortedMap<String, byte[]> ext = new TreeMap<>(r.extensions());
        if (ext.isEmpty()) {
            ext.put("app.x", new byte[] {1});
        } else if (ext.size() == 1) {
            String key = ext.firstKey();
            ext.put(key, Arrays.copyOf(ext.get(key), ext.get(key).length + 1));
        } else {
            ext.remove(ext.lastKey());
        }
        return with(r, r.eventId(), r.coordinate(), r.lane(), r.clock(), r.proposalOffset(),
                r.kind(), r.hlc(), r.prevHash(), r.eventHash(), r.contentHash(), ext);
    });

    final ReceiptVerification.Reason reason;
    final UnaryOperator<CommitReceipt> mutate;

    ReceiptField(ReceiptVerification.Reason reason, UnaryOperator<CommitReceipt> mutate) {
        this.reason = reason;
        this.mutate = mutate;
    }

    private static CommitReceipt with(CommitReceipt original, EventId eventId, Coordinate coordinate, int lane, long clock,
            long proposalOffset, EventKind kind, HlcTimestamp hlc, byte[] prevHash, byte[] eventHash, byte[] contentHash,
            SortedMap<String, byte[]> extensions) {
        Optional<ReceiptSignature> signature = original.signature();
        return new CommitReceipt(eventId, coordinate, lane, clock, proposalOffset, kind, hlc, prevHash, eventHash,
                contentHash, extensions, signature);
    }

    private static byte[] flip(byte[] hash) {
        byte[] copy = hash.clone();
        copy[0] ^= (byte) 0x80;
        return copy;
    }
}
