package dev.batpak.kafka.receipt;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The signature block of a commit receipt: which key signed ({@link KeyId}) and the 64-byte
 * Ed25519 signature over the receipt's cover ({@link ReceiptCover}).
 *
 * <p>Why the signature may be empty: the block mirrors the wire form, where a key id and the
 * signature bytes travel separately, so it can also represent the malformed claims the verifier
 * must name ({@code MISSING_SIGNATURE}: a key id without a signature; {@code
 * ZERO_KEY_WITH_SIGNATURE}: a signature under the unsigned sentinel). A zero key id with no
 * signature is batpak's explicit "unsigned". Any other signature length is not a claim at all
 * and is refused when the block is built.
 *
 * @param keyId the id of the signing key
 * @param signature 64 signature bytes, or none (copied in and out)
 */
public record ReceiptSignature(KeyId keyId, byte[] signature) {

    /** Length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    /** Validates and copies. */
    public ReceiptSignature {
        Objects.requireNonNull(keyId, "keyId");
        if (signature == null || (signature.length != SIGNATURE_LENGTH && signature.length != 0)) {
            throw new ReceiptFormatException("a receipt signature must be " + SIGNATURE_LENGTH
                    + " bytes (or empty), got " + (signature == null ? "null" : signature.length + " bytes"));
        }
        signature = signature.clone();
    }

    /** A signature block. */
    public static ReceiptSignature of(KeyId keyId, byte[] signature) {
        return new ReceiptSignature(keyId, signature);
    }

    /** Reads the Avro form. */
    public static ReceiptSignature fromAvro(dev.batpak.kafka.schemas.ReceiptSignature avro) {
        Objects.requireNonNull(avro, "avro");
        if (avro.getKeyId() == null || avro.getSignature() == null) {
            throw new ReceiptFormatException("a receipt signature needs both keyId and signature fields");
        }
        ByteBuffer view = avro.getSignature().duplicate();
        byte[] sig = new byte[view.remaining()];
        view.get(sig);
        return new ReceiptSignature(new KeyId(avro.getKeyId().bytes()), sig);
    }

    /** The Avro form (fresh buffers). */
    public dev.batpak.kafka.schemas.ReceiptSignature toAvro() {
        return new dev.batpak.kafka.schemas.ReceiptSignature(
                new dev.batpak.kafka.schemas.Hash32(keyId.bytes()), ByteBuffer.wrap(signature.clone()));
    }

    /** A copy of the signature bytes (empty when the block carries none). */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** Whether signature bytes are present. */
    public boolean hasSignatureBytes() {
        return signature.length != 0;
    }

    /** Whether this is the explicit unsigned form: zero key id and no signature bytes. */
    public boolean isUnsignedSentinel() {
        return keyId.isZero() && signature.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceiptSignature other && keyId.equals(other.keyId) && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * keyId.hashCode() + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "ReceiptSignature[keyId=" + keyId + ", signature=" + HexFormat.of().formatHex(signature) + "]";
    }
}
