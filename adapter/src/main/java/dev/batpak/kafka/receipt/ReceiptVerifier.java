package dev.batpak.kafka.receipt;

import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Checks commit receipts, with no broker and no store: {@link #verify} needs only the receipt and
 * the trusted public keys; {@link #verifyAgainst} additionally compares the receipt with a
 * journal event the caller read, and checks that the event's own hashes recompute.
 *
 * <p>Why store-free: batpak 0.9 verifies receipts only inside an open store; a receipt that must
 * be shown to a third party (an auditor, another service) is worth more when that party can
 * check it with a public key alone. The verdict taxonomy follows batpak-model §7.3.
 *
 * <p>Order of checks in {@link #verifyAgainst}: the receipt's fields against the event's
 * (event id, position, coordinate, kind, HLC, prev hash, event hash, content hash, extensions),
 * then the event's hashes against its recomputation, then the signature. The first failure is the
 * verdict, so the reason names the most specific field that disagrees. Stateless and thread-safe.
 */
public final class ReceiptVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private ReceiptVerifier() {}

    /**
     * Checks the receipt's signature block: {@code Signed} if it verifies under a key in
     * {@code keys}; {@code UnsignedAccepted} if it is unsigned and {@code keys} is empty;
     * otherwise {@code Invalid} with {@code UNSIGNED_RECEIPT_REJECTED}, {@code MISSING_SIGNATURE},
     * {@code ZERO_KEY_WITH_SIGNATURE}, {@code UNKNOWN_SIGNING_KEY} or {@code INVALID_SIGNATURE}.
     */
    public static ReceiptVerification verify(CommitReceipt receipt, VerifyingKeys keys) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(keys, "keys");
        Optional<ReceiptSignature> block = receipt.signature();
        if (block.isEmpty() || block.get().isUnsignedSentinel()) {
            return keys.isEmpty()
                    ? new ReceiptVerification.UnsignedAccepted()
                    : invalid(ReceiptVerification.Reason.UNSIGNED_RECEIPT_REJECTED,
                            "the receipt is unsigned but " + keys.size() + " verifying key(s) are configured");
        }
        ReceiptSignature signature = block.get();
        if (signature.keyId().isZero()) {
            return invalid(ReceiptVerification.Reason.ZERO_KEY_WITH_SIGNATURE,
                    "the receipt carries signature bytes under the zero (unsigned) key id");
        }
        if (!signature.hasSignatureBytes()) {
            return invalid(ReceiptVerification.Reason.MISSING_SIGNATURE,
                    "the receipt names key " + signature.keyId() + " but carries no signature bytes");
        }
        if (keys.find(signature.keyId()).isEmpty()) {
            return invalid(ReceiptVerification.Reason.UNKNOWN_SIGNING_KEY,
                    "the receipt is signed by key " + signature.keyId() + ", which is not among the configured keys " + keys);
        }
        if (!keys.verifies(signature.keyId(), ReceiptCover.cover(receipt), signature.signature())) {
            return invalid(ReceiptVerification.Reason.INVALID_SIGNATURE,
                    "the signature does not verify under key " + signature.keyId()
                            + ": a signed field of the receipt was changed, or it was signed by another key");
        }
        return new ReceiptVerification.Signed(signature.keyId());
    }

    /**
     * Compares the receipt with the journal event it claims, checks that the event's hashes
     * recompute ({@link EventHashing#verify}), then checks the signature as {@link #verify} does.
     * Reasons, in the order checked: {@code EVENT_ID_MISMATCH}, {@code POSITION_MISMATCH} (lane,
     * clock or proposal offset), {@code COORDINATE_MISMATCH}, {@code KIND_MISMATCH},
     * {@code HLC_MISMATCH}, {@code PREV_HASH_MISMATCH}, {@code EVENT_HASH_MISMATCH},
     * {@code CONTENT_HASH_MISMATCH}, {@code EXTENSIONS_MISMATCH},
     * {@code EVENT_HASH_RECOMPUTE_MISMATCH}, then the signature reasons.
     */
    public static ReceiptVerification verifyAgainst(CommitReceipt receipt, JournalEvent event, VerifyingKeys keys) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(keys, "keys");
        ReceiptVerification.Invalid mismatch = compare(receipt, event);
        if (mismatch != null) {
            return mismatch;
        }
        if (!EventHashing.verify(event)) {
            return invalid(ReceiptVerification.Reason.EVENT_HASH_RECOMPUTE_MISMATCH, recomputeDetail(event));
        }
        return verify(receipt, keys);
    }

    private static ReceiptVerification.Invalid compare(CommitReceipt r, JournalEvent e) {
        if (!Arrays.equals(r.eventId().toBytes(), bytes(e.getEventId()))) {
            return invalid(ReceiptVerification.Reason.EVENT_ID_MISMATCH,
                    "receipt event id " + r.eventId() + ", journal event id " + hex(bytes(e.getEventId())));
        }
        if (r.lane() != e.getLane() || r.clock() != e.getClock() || r.proposalOffset() != e.getProposalOffset()) {
            return invalid(ReceiptVerification.Reason.POSITION_MISMATCH,
                    "receipt lane " + r.lane() + " clock " + r.clock() + " proposal offset " + r.proposalOffset()
                            + ", journal event lane " + e.getLane() + " clock " + e.getClock()
                            + " proposal offset " + e.getProposalOffset());
        }
        if (!r.coordinate().entity().equals(e.getEntity()) || !r.coordinate().scope().equals(e.getScope())) {
            return invalid(ReceiptVerification.Reason.COORDINATE_MISMATCH,
                    "receipt coordinate " + r.coordinate() + ", journal event " + e.getEntity() + "@" + e.getScope());
        }
        if (r.kind().raw() != e.getKind()) {
            return invalid(ReceiptVerification.Reason.KIND_MISMATCH,
                    "receipt kind 0x" + Integer.toHexString(r.kind().raw()) + ", journal event kind 0x" + Integer.toHexString(e.getKind()));
        }
        if (r.hlc().packed() != e.getHlc()) {
            return invalid(ReceiptVerification.Reason.HLC_MISMATCH,
                    "receipt HLC " + r.hlc() + " (packed " + r.hlc().packed() + "), journal event HLC packed " + e.getHlc());
        }
        ReceiptVerification.Invalid hashMismatch = compareHash(ReceiptVerification.Reason.PREV_HASH_MISMATCH, "prev hash", r.prevHash(), e.getPrevHash());
        if (hashMismatch == null) {
            hashMismatch = compareHash(ReceiptVerification.Reason.EVENT_HASH_MISMATCH, "event hash", r.eventHash(), e.getEventHash());
        }
        if (hashMismatch == null) {
            hashMismatch = compareHash(ReceiptVerification.Reason.CONTENT_HASH_MISMATCH, "content hash", r.contentHash(), e.getContentHash());
        }
        if (hashMismatch != null) {
            return hashMismatch;
        }
        SortedMap<String, byte[]> stored;
        try {
            stored = CommitReceipt.extensionsFromAvro(e.getExtensions());
        } catch (ReceiptFormatException ex) {
            return invalid(ReceiptVerification.Reason.EXTENSIONS_MISMATCH, "journal event extensions are malformed: " + ex.getMessage());
        }
        if (!CommitReceipt.extensionsEqual(r.extensions(), stored)) {
            return invalid(ReceiptVerification.Reason.EXTENSIONS_MISMATCH,
                    "receipt extension keys " + r.extensions().keySet() + ", journal event extension keys " + stored.keySet()
                            + " (or a value differs)");
        }
        return null;
    }

    private static ReceiptVerification.Invalid compareHash(ReceiptVerification.Reason reason, String name, byte[] claimed, Hash32 stored) {
        byte[] actual = bytes(stored);
        if (!Arrays.equals(claimed, actual)) {
            return invalid(reason, "receipt " + name + " " + hex(claimed) + ", journal event " + name + " " + hex(actual));
        }
        return null;
    }

    private static String recomputeDetail(JournalEvent event) {
        try {
            byte[] content = EventHashing.contentHash(event.getPayload());
            byte[] hash = EventHashing.eventHash(event);
            return "the journal event does not hash to its stored hashes: content hash stored " + hex(bytes(event.getContentHash()))
                    + " recomputed " + hex(content) + ", event hash stored " + hex(bytes(event.getEventHash()))
                    + " recomputed " + hex(hash) + "; the journal record was altered after sealing";
        } catch (RuntimeException ex) {
            return "the journal event cannot be hashed: " + ex.getMessage();
        }
    }

    private static ReceiptVerification.Invalid invalid(ReceiptVerification.Reason reason, String detail) {
        return new ReceiptVerification.Invalid(reason, detail);
    }

    private static byte[] bytes(Hash32 hash) {
        return hash == null ? null : hash.bytes();
    }

    private static byte[] bytes(Id16 id) {
        return id == null ? null : id.bytes();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "(missing)" : HEX.formatHex(bytes);
    }
}
