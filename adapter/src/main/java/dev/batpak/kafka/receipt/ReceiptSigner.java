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
     * placeholder or stale hashes: seal first ({@link EventHashing#seal}), then sign — or use
     * {@link #sealAndSign}, which does both without hashing twice.
     *
     * <p>The copy is shallow: it shares the input's field values (strings, fixed ids and hashes,
     * lists, the payload's bytes; the payload buffer is its own view, so reading one never moves
     * the other's position). Sealed events are not changed after sealing; copying them deeply only
     * to set one field was a measurable share of the sequencer's time.
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
        return new JournalEvent(sealed.getFormatVersion(), sealed.getEventId(), sealed.getKeyed(), sealed.getEntity(),
                sealed.getScope(), sealed.getLane(), sealed.getClock(), sealed.getKind(), sealed.getPayloadVersion(),
                sealed.getEncoding(), sealed.getPayloadSchemaId(),
                sealed.getPayload() == null ? null : sealed.getPayload().duplicate(), sealed.getContentHash(),
                sealed.getCorrelationId(), sealed.getCauses(), sealed.getFlags(), sealed.getExtensions(),
                sealed.getHlc(), sealed.getPrevHash(), sealed.getEventHash(), sealed.getProposalOffset(),
                sealed.getBatch(), signature.toAvro());
    }

    /**
     * {@link EventHashing#seal Seals} {@code unsealed} and sets the signature block of its commit
     * receipt: the same event, hashes and signature as {@code signEvent(EventHashing.seal(unsealed))},
     * for a third of the hashing and one copy instead of two. The hashes need no re-verification:
     * they were computed here, on the copy this method owns and signs. The input is not modified.
     *
     * @throws EventHashException if a field is missing or out of range
     * @throws ReceiptFormatException if the event cannot be read as a receipt
     */
    public JournalEvent sealAndSign(JournalEvent unsealed) {
        Objects.requireNonNull(unsealed, "unsealed");
        JournalEvent sealed = EventHashing.sealedBuilder(unsealed).setSignature(null).build();
        sealed.setSignature(sign(CommitReceipt.fromJournal(sealed)).toAvro());
        return sealed;
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
