package dev.batpak.kafka.receipt;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The sequencer's Ed25519 receipt-signing key (RFC 8032; the secret is a 32-byte seed).
 *
 * <p>File format: PEM {@code PRIVATE KEY} (PKCS#8 v1, RFC 8410), the form
 * {@code openssl genpkey -algorithm ed25519} writes and {@code openssl pkey -pubout} reads, so
 * operators can create, inspect and back up keys with standard tools. {@link #load(Path)} refuses
 * a file that group or other users can access ({@link ReceiptKeyException.Reason#PERMISSIONS_TOO_OPEN}),
 * and {@link #save(Path)} creates the file with mode 0600 and never overwrites.
 *
 * <p>Why a class and not a record: it holds a secret. It has no accessor for the seed, its
 * {@link #toString()} shows only the key id, and equality is by key id, so a key never ends up in
 * a log or an exception message by accident. Immutable and thread-safe.
 */
public final class SigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final VerifyingKey verifyingKey;

    private SigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.verifyingKey = VerifyingKey.of(privateKey.generatePublicKey().getEncoded());
    }

    /** A new random key from a {@link SecureRandom}. */
    public static SigningKey generate() {
        return generate(new SecureRandom());
    }

    /** A new random key from {@code random} (for reproducible tests pass a seeded generator). */
    public static SigningKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return new SigningKey(new Ed25519PrivateKeyParameters(random));
    }

    /**
     * The key with the given 32-byte RFC 8032 seed.
     *
     * @throws ReceiptKeyException if the seed is not 32 bytes
     */
    public static SigningKey fromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, "an Ed25519 seed is 32 bytes, got "
                    + (seed == null ? "null" : seed.length + " bytes"));
        }
        return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /**
     * Parses a PEM {@code PRIVATE KEY} block holding an Ed25519 PKCS#8 key.
     *
     * @throws ReceiptKeyException ({@code MALFORMED}) for anything else
     */
    public static SigningKey fromPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        byte[] der = KeyFiles.fromPem(pem, KeyFiles.PRIVATE_LABEL, "the PEM text");
        return fromSeed(KeyFiles.unwrapDer(der, KeyFiles.PKCS8_PREFIX, "an Ed25519 PKCS#8 private key", "the PEM text"));
    }

    /**
     * Loads a key file written by {@link #save(Path)} or by {@code openssl genpkey -algorithm ed25519}.
     *
     * @throws ReceiptKeyException {@code PERMISSIONS_TOO_OPEN} if group or other users have any
     *     access to the file (fix with {@code chmod 600}), {@code IO} if it cannot be read,
     *     {@code MALFORMED} if it is not an Ed25519 private key
     */
    public static SigningKey load(Path file) {
        Objects.requireNonNull(file, "file");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.IO, "key file " + file + " does not exist or is not a regular file");
        }
        KeyFiles.requireOwnerOnly(file);
        String text = KeyFiles.read(file);
        byte[] der = KeyFiles.fromPem(text, KeyFiles.PRIVATE_LABEL, "key file " + file);
        return fromSeed(KeyFiles.unwrapDer(der, KeyFiles.PKCS8_PREFIX, "an Ed25519 PKCS#8 private key", "key file " + file));
    }

    /**
     * Writes this key as PEM to a new file readable only by its owner (mode 0600 on POSIX file
     * systems).
     *
     * @throws ReceiptKeyException {@code ALREADY_EXISTS} if the file exists, {@code IO} if it
     *     cannot be written
     */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        KeyFiles.createNew(file, toPem(), true);
    }

    /** The PEM {@code PRIVATE KEY} text of this key. Treat it as a secret. */
    public String toPem() {
        return KeyFiles.toPem(KeyFiles.PRIVATE_LABEL, KeyFiles.wrapDer(KeyFiles.PKCS8_PREFIX, privateKey.getEncoded()));
    }

    /** The public half, for verifiers. */
    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    /** {@code BLAKE3(raw public key)}: the id receipts signed with this key carry. */
    public KeyId keyId() {
        return verifyingKey.keyId();
    }

    /** The BouncyCastle parameters, for {@link ReceiptSigner} only. */
    Ed25519PrivateKeyParameters parameters() {
        return privateKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey other && verifyingKey.equals(other.verifyingKey);
    }

    @Override
    public int hashCode() {
        return verifyingKey.hashCode();
    }

    /** Shows the key id only, never the secret. */
    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId() + "]";
    }
}
