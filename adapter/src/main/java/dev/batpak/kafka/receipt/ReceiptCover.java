package dev.batpak.kafka.receipt;

import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.internal.hash.CanonicalEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The bytes a commit receipt's Ed25519 signature covers. Defined byte by byte in
 * {@code docs/receipts.md}:
 *
 * <pre>
 * cover = BLAKE3( 0x01 ‖ u32 len ‖ "batpak-kafka/receipt/v1" ‖ eventId(16) ‖ lane u32 ‖ clock u64
 *                 ‖ proposalOffset u64 ‖ entity (u32 len ‖ UTF-8) ‖ scope (u32 len ‖ UTF-8) ‖ kind u16
 *                 ‖ hlc u64 ‖ prevHash(32) ‖ eventHash(32) ‖ contentHash(32)
 *                 ‖ u32 count ‖ per extension sorted by key: u32 len ‖ key ‖ u32 len ‖ value )
 * signature = Ed25519(private key, cover)
 * </pre>
 *
 * <p>Why a hash and not the raw fields: like batpak, the signature is over a fixed 32-byte
 * digest, so signing cost does not grow with the coordinate or extensions, and the layout can
 * be reproduced in any language from this definition. Why every field: a receipt that can be
 * verified without the store must have each claim it makes signed; the version byte and the
 * domain tag keep a receipt signature from ever being valid for another kind of message or a
 * later layout.
 */
public final class ReceiptCover {

    /** The layout version, the first byte of the cover input. */
    public static final int VERSION = 1;

    /** The domain tag that follows the version byte. */
    public static final String DOMAIN_TAG = "batpak-kafka/receipt/v1";

    private static final byte[] DOMAIN_TAG_BYTES = DOMAIN_TAG.getBytes(StandardCharsets.US_ASCII);

    private ReceiptCover() {}

    /** The 32-byte cover of {@code receipt}: what its signature signs. Ignores the signature block. */
    public static byte[] cover(CommitReceipt receipt) {
        return Blake3.hash(preimage(receipt));
    }

    /** The bytes that {@link #cover} hashes, for debugging and for other implementations to compare. */
    public static byte[] preimage(CommitReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        CanonicalEncoder out = new CanonicalEncoder(256);
        out.u8("version", VERSION);
        out.bytes("domain tag", DOMAIN_TAG_BYTES);
        out.fixed("eventId", receipt.eventId().toBytes(), 16);
        out.u32("lane", receipt.lane());
        out.u64("clock", receipt.clock());
        out.u64("proposalOffset", receipt.proposalOffset());
        out.utf8("entity", receipt.coordinate().entity());
        out.utf8("scope", receipt.coordinate().scope());
        out.u16("kind", receipt.kind().raw());
        out.bits64(receipt.hlc().packed());
        out.fixed("prevHash", receipt.prevHash(), EventHashing.HASH_LENGTH);
        out.fixed("eventHash", receipt.eventHash(), EventHashing.HASH_LENGTH);
        out.fixed("contentHash", receipt.contentHash(), EventHashing.HASH_LENGTH);
        Map<String, byte[]> extensions = receipt.extensions();
        out.u32("extensions count", extensions.size());
        extensions.forEach((key, value) -> {
            out.utf8("extension key", key);
            out.bytes("extension value", value);
        });
        return out.toByteArray();
    }
}
