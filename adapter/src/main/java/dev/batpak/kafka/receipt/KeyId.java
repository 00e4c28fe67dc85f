package dev.batpak.kafka.receipt;

import dev.batpak.kafka.internal.hash.Blake3;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an Ed25519 receipt-signing key: {@code BLAKE3(raw 32-byte public key)}, as in
 * batpak. A receipt names the key that signed it by this id, so a verifier holding several
 * public keys (for rotation) knows which one to try, and a 32-byte id does not reveal anything
 * the public key would not.
 *
 * <p>The all-zero id is batpak's "unsigned" sentinel: a receipt whose signature block carries
 * {@link #ZERO} and no signature bytes is an unsigned receipt.
 *
 * @param bytes the 32 id bytes (copied in and out)
 */
public record KeyId(byte[] bytes) {

    /** Length of a key id in bytes. */
    public static final int LENGTH = 32;

    /** The all-zero id that marks an unsigned receipt. */
    public static final KeyId ZERO = new KeyId(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();

    /** Validates the length and copies the bytes. */
    public KeyId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new ReceiptFormatException("a key id must be " + LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        bytes = bytes.clone();
    }

    /** A key id from its 32 bytes. */
    public static KeyId of(byte[] bytes) {
        return new KeyId(bytes);
    }

    /** The id of a raw 32-byte Ed25519 public key: its BLAKE3 hash. */
    public static KeyId ofPublicKey(byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != LENGTH) {
            throw new ReceiptFormatException("a raw Ed25519 public key must be 32 bytes, got "
                    + (rawPublicKey == null ? "null" : rawPublicKey.length + " bytes"));
        }
        return new KeyId(Blake3.hash(rawPublicKey));
    }

    /** Parses 64 hex digits (either case), the form {@link #toString()} prints. */
    public static KeyId parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new ReceiptFormatException("a key id is 64 hex digits, got "
                    + (hex == null ? "null" : "'" + hex + "'"));
        }
        try {
            return new KeyId(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new ReceiptFormatException("a key id is 64 hex digits, got '" + hex + "'", e);
        }
    }

    /** A copy of the 32 id bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether this is the unsigned sentinel {@link #ZERO}. */
    public boolean isZero() {
        return MessageDigest.isEqual(bytes, ZERO.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The id as 64 lowercase hex digits. */
    @Override
    public String toString() {
        return HEX.formatHex(bytes);
    }
}
