package dev.batpak.kafka.receipt;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * An Ed25519 public key that verifies receipt signatures, and its {@link KeyId}.
 *
 * <p>Why public keys are all a verifier needs: a commit receipt carries every field its signature
 * covers, so anyone holding this key (32 bytes, safe to publish) can check a receipt offline,
 * without a broker or the journal. Accepted forms: 64 hex digits of the raw key, or a PEM
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo, RFC 8410; what
 * {@code openssl pkey -pubout} prints). The key must be a valid curve point; a malformed key is
 * refused when it is built, not when a signature fails to verify.
 *
 * @param raw the 32-byte public key (copied in and out)
 */
public record VerifyingKey(byte[] raw) {

    /** Length of a raw Ed25519 public key in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    /** Validates that {@code raw} is 32 bytes and a valid Ed25519 point; copies it. */
    public VerifyingKey {
        if (raw == null || raw.length != LENGTH) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, "a raw Ed25519 public key is 32 bytes, got "
                    + (raw == null ? "null" : raw.length + " bytes"));
        }
        raw = raw.clone();
        try {
            new Ed25519PublicKeyParameters(raw, 0);
        } catch (IllegalArgumentException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED,
                    "bytes " + HEX.formatHex(raw) + " are not a valid Ed25519 public key", e);
        }
    }

    /** The key with these 32 raw bytes. */
    public static VerifyingKey of(byte[] raw) {
        return new VerifyingKey(raw);
    }

    /**
     * Parses a key given as 64 hex digits, or as a PEM {@code PUBLIC KEY} block.
     *
     * @throws ReceiptKeyException ({@code MALFORMED}) otherwise
     */
    public static VerifyingKey parse(String text) {
        Objects.requireNonNull(text, "text");
        return parse(text, "the key text");
    }

    /**
     * Loads a public key file (64 hex digits, or PEM {@code PUBLIC KEY}). Public keys are not
     * secret, so the file's permissions are not checked.
     *
     * @throws ReceiptKeyException {@code IO} if it cannot be read, {@code MALFORMED} otherwise
     */
    public static VerifyingKey load(Path file) {
        Objects.requireNonNull(file, "file");
        return parse(KeyFiles.read(file), "key file " + file);
    }

    /**
     * Writes this key as PEM {@code PUBLIC KEY} to a new file.
     *
     * @throws ReceiptKeyException {@code ALREADY_EXISTS} if the file exists, {@code IO} if it
     *     cannot be written
     */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        KeyFiles.createNew(file, toPem(), false);
    }

    /** The 64 lowercase hex digits of the raw key. */
    public String toHex() {
        return HEX.formatHex(raw);
    }

    /** The PEM {@code PUBLIC KEY} text (X.509 SubjectPublicKeyInfo) of this key. */
    public String toPem() {
        return KeyFiles.toPem(KeyFiles.PUBLIC_LABEL, toX509());
    }

    /** The 44-byte X.509 SubjectPublicKeyInfo DER form, which the JDK's {@code KeyFactory("Ed25519")} reads. */
    public byte[] toX509() {
        return KeyFiles.wrapDer(KeyFiles.SPKI_PREFIX, raw);
    }

    /** {@code BLAKE3(raw)}. */
    public KeyId keyId() {
        return KeyId.ofPublicKey(raw);
    }

    /** A copy of the raw key. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyingKey other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "VerifyingKey[" + toHex() + ", keyId=" + keyId() + "]";
    }

    private static VerifyingKey parse(String text, String source) {
        String trimmed = text.strip();
        if (KeyFiles.isPem(trimmed, KeyFiles.PUBLIC_LABEL)) {
            byte[] der = KeyFiles.fromPem(trimmed, KeyFiles.PUBLIC_LABEL, source);
            return new VerifyingKey(KeyFiles.unwrapDer(der, KeyFiles.SPKI_PREFIX, "an Ed25519 public key", source));
        }
        if (trimmed.length() == 2 * LENGTH) {
            try {
                return new VerifyingKey(HEX.parseHex(trimmed));
            } catch (IllegalArgumentException e) {
                throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, source + " is not 64 hex digits", e);
            }
        }
        throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, source
                + " is neither 64 hex digits nor a PEM 'PUBLIC KEY' block"
                + (KeyFiles.isPem(trimmed, KeyFiles.PRIVATE_LABEL) ? " (it is a PRIVATE key: give the public key,"
                        + " e.g. from 'openssl pkey -in key.pem -pubout')" : ""));
    }
}
