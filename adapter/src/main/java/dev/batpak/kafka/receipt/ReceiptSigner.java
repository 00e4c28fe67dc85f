package dev.batpak.kafka.receipt;

import dev.batpak.kafka.schemas.JournalEvent;
import java.util.Objects;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs commit receipts: Ed25519 (RFC 8032, deterministic) over the 32-byte
 * {@link ReceiptCover#cover cover}, with BouncyCastle's lightweight {@link Ed25519Signer}.
 *
 * <p>Why BouncyCastle and not the JDK's {@code Signature("Ed25519")}: both produce the same
 * bytes (Ed25519 is deterministic; the tests check that the JDK verifies these signatures), but
 * the lightweight signer is about ten times faster, and the sequencer signs every event.
 *
 * <p>Thread-safe: each call uses its own {@code Ed25519Signer}, so one signer may serve every
 * stream task of the sequencer.
 */
public final class ReceiptSigner {

    private final SigningKey key;

    private ReceiptSigner(SigningKey key) {
        this.key = key;
    }

    /** A signer using {@code key}. */
    public static ReceiptSigner of(SigningKey key) {
        return new ReceiptSigner(Objects.requireNonNull(key, "key"));
    }

    /** The id of the signing key; every signature this signer makes carries it. */
    public KeyId keyId() {
        return key.keyId();
    }

    /** The public key verifiers need for this signer's receipts. */
    public VerifyingKey verifyingKey() {
        return key.verifyingKey();
    }

    /** The signature block for {@code receipt} (its current signature block, if any, is ignored). */
    public ReceiptSignature sign(CommitReceipt receipt) {
        Objects.requireNonNull(receipt, "receipt");
        return ReceiptSignature.of(key.keyId(), signCover(ReceiptCover.cover(receipt)));
    }

    /** {@code receipt} with this signer's signature block. */
    public CommitReceipt signed(CommitReceipt receipt) {
        return receipt.withSignature(sign(receipt));
    }

    /**
     * A copy of a sealed journal event with the signature block of its commit receipt set: what
     * the sequencer writes, so that {@link CommitReceipt#fromJournal} of the stored event yields
     * the signed receipt.
     *
     * <p>Refuses an event whose stored hashes do not recompute, so a signature never vouches for
     * placeholder or stale hashes: seal first ({@link EventHashing#seal}), then sign.
     *
     * @throws EventHashException if the event's hashes do not recompute
     * @throws ReceiptFormatException if the event cannot be read as a receipt
     */
    public JournalEvent signEvent(JournalEvent sealed) {
        Objects.requireNonNull(sealed, "sealed");
        if (!EventHashing.verify(sealed)) {
            throw new EventHashException("refusing to sign event " + sealed.getEntity() + "@" + sealed.getScope()
                    + " lane " + sealed.getLane() + " clock " + sealed.getClock()
                    + ": its contentHash/eventHash do not recompute; seal it with EventHashing.seal first");
        }
        ReceiptSignature signature = sign(CommitReceipt.fromJournal(sealed));
        return JournalEvent.newBuilder(sealed).setSignature(signature.toAvro()).build();
    }

    /** Ed25519 signature of a 32-byte cover. */
    byte[] signCover(byte[] cover) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key.parameters());
        signer.update(cover, 0, cover.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "ReceiptSigner[keyId=" + key.keyId() + "]";
    }
}
