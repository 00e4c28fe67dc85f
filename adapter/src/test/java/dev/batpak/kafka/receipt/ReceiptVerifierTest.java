package dev.batpak.kafka.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.JournalEvent;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    private static final ReceiptSigner SIGNER = ReceiptSigner.of(Keys.PRIMARY);
    private static final VerifyingKeys TRUSTED = VerifyingKeys.of(Keys.PRIMARY.verifyingKey());

    @Provide
    Arbitrary<JournalEvent> events() {
        return TestEvents.events().map(SIGNER::signEvent);
    }

    @Property(tries = 300) // each try signs with Ed25519
    void aSignedReceiptVerifiesOfflineWithThePublicKeyAlone(@ForAll("events") JournalEvent event) throws Exception {
        // The receipt travels as Avro bytes; the verifier has only the public key's hex.
        ByteBuffer wire = CommitReceipt.fromJournal(event).toAvro().toByteBuffer();
        CommitReceipt received = CommitReceipt.fromAvro(dev.batpak.kafka.schemas.CommitReceipt.fromByteBuffer(wire));
        VerifyingKeys keys = VerifyingKeys.of(VerifyingKey.parse(Keys.PRIMARY.verifyingKey().toHex()));
        ReceiptVerification verdict = ReceiptVerifier.verify(received, keys);
        assertEquals(new ReceiptVerification.Signed(Keys.PRIMARY.keyId()), verdict, "PROPERTY: signed receipts verify offline");
        assertTrue(verdict.isValid());
        assertTrue(verdict.isSigned());
        assertEquals(verdict, ReceiptVerifier.verifyAgainst(received, event, keys), "PROPERTY: and agree with their journal event");
    }

    @Property(tries = 300) // each try signs with Ed25519
    void changingAnySignedFieldBreaksTheSignature(@ForAll("events") JournalEvent event, @ForAll ReceiptField field) {
        CommitReceipt forged = field.mutate.apply(CommitReceipt.fromJournal(event));
        assertInvalid(ReceiptVerification.Reason.INVALID_SIGNATURE, ReceiptVerifier.verify(forged, TRUSTED),
                "PROPERTY: changing " + field + " of a signed receipt invalidates its signature");
    }

    @Property(tries = 300) // each try signs with Ed25519
    void changingAnyFieldIsNamedWhenComparedWithTheEvent(@ForAll("events") JournalEvent event, @ForAll ReceiptField field) {
        CommitReceipt forged = field.mutate.apply(CommitReceipt.fromJournal(event));
        assertInvalid(field.reason, ReceiptVerifier.verifyAgainst(forged, event, TRUSTED),
                "PROPERTY: a receipt whose " + field + " differs from the journal event gives " + field.reason);
        // Even a forger holding the key is caught by the comparison.
        assertInvalid(field.reason, ReceiptVerifier.verifyAgainst(SIGNER.signed(forged), event, TRUSTED),
                "PROPERTY: a re-signed receipt whose " + field + " differs is still refused");
    }

    @Test
    void unsignedReceiptsAreAcceptedOnlyWithoutKeys() {
        CommitReceipt unsigned = CommitReceipt.fromJournal(TestEvents.golden());
        ReceiptVerification accepted = ReceiptVerifier.verify(unsigned, VerifyingKeys.none());
        assertEquals(new ReceiptVerification.UnsignedAccepted(), accepted);
        assertTrue(accepted.isValid());
        assertFalse(accepted.isSigned(), "PROPERTY: unsigned-accepted is valid but never 'signed'");
        assertEquals("unsigned_accepted", accepted.verdict());
        assertInvalid(ReceiptVerification.Reason.UNSIGNED_RECEIPT_REJECTED, ReceiptVerifier.verify(unsigned, TRUSTED),
                "PROPERTY: with keys configured, unsigned receipts are rejected");
        CommitReceipt sentinel = unsigned.withSignature(ReceiptSignature.of(KeyId.ZERO, new byte[0]));
        assertEquals(accepted, ReceiptVerifier.verify(sentinel, VerifyingKeys.none()), "zero key id + no bytes = unsigned");
        assertInvalid(ReceiptVerification.Reason.UNSIGNED_RECEIPT_REJECTED, ReceiptVerifier.verify(sentinel, TRUSTED), "");
    }

    @Test
    void malformedSignatureBlocksAreNamed() {
        CommitReceipt receipt = CommitReceipt.fromJournal(TestEvents.golden());
        byte[] signature = SIGNER.sign(receipt).signature();
        assertInvalid(ReceiptVerification.Reason.ZERO_KEY_WITH_SIGNATURE,
                ReceiptVerifier.verify(receipt.withSignature(ReceiptSignature.of(KeyId.ZERO, signature)), TRUSTED), "");
        assertInvalid(ReceiptVerification.Reason.MISSING_SIGNATURE,
                ReceiptVerifier.verify(receipt.withSignature(ReceiptSignature.of(Keys.PRIMARY.keyId(), new byte[0])), TRUSTED), "");
        assertInvalid(ReceiptVerification.Reason.UNKNOWN_SIGNING_KEY,
                ReceiptVerifier.verify(SIGNER.signed(receipt), VerifyingKeys.of(Keys.OTHER.verifyingKey())), "");
        assertInvalid(ReceiptVerification.Reason.UNKNOWN_SIGNING_KEY,
                ReceiptVerifier.verify(SIGNER.signed(receipt), VerifyingKeys.none()), "a signed receipt needs its key");
        // Signed by OTHER but claiming PRIMARY's key id.
        byte[] otherSignature = ReceiptSigner.of(Keys.OTHER).sign(receipt).signature();
        assertInvalid(ReceiptVerification.Reason.INVALID_SIGNATURE, ReceiptVerifier.verify(
                receipt.withSignature(ReceiptSignature.of(Keys.PRIMARY.keyId(), otherSignature)), TRUSTED), "");
        byte[] flipped = signature.clone();
        flipped[10] ^= 1;
        assertInvalid(ReceiptVerification.Reason.INVALID_SIGNATURE, ReceiptVerifier.verify(
                receipt.withSignature(ReceiptSignature.of(Keys.PRIMARY.keyId(), flipped)), TRUSTED), "");
    }

    @Test
    void rotatedKeysKeepVerifying() {
        CommitReceipt receipt = CommitReceipt.fromJournal(TestEvents.golden());
        VerifyingKeys both = TRUSTED.with(Keys.OTHER.verifyingKey());
        assertEquals(2, both.size());
        assertEquals(new ReceiptVerification.Signed(Keys.PRIMARY.keyId()), ReceiptVerifier.verify(SIGNER.signed(receipt), both));
        assertEquals(new ReceiptVerification.Signed(Keys.OTHER.keyId()),
                ReceiptVerifier.verify(ReceiptSigner.of(Keys.OTHER).signed(receipt), both));
        assertEquals(1, TRUSTED.with(Keys.PRIMARY.verifyingKey()).size(), "duplicates collapse");
    }

    @Test
    void aTamperedJournalEventIsDetectedEvenWhenTheReceiptMatchesIt() {
        JournalEvent stored = SIGNER.signEvent(TestEvents.golden());
        CommitReceipt receipt = CommitReceipt.fromJournal(stored);
        JournalEvent tamperedPayload = JournalEvent.newBuilder(stored).setPayload(TestEvents.utf8("{\"qty\":9}")).build();
        assertInvalid(ReceiptVerification.Reason.EVENT_HASH_RECOMPUTE_MISMATCH,
                ReceiptVerifier.verifyAgainst(receipt, tamperedPayload, TRUSTED), "PROPERTY: a changed payload is caught");
        JournalEvent tamperedFlags = JournalEvent.newBuilder(stored).setFlags(8).build();
        assertInvalid(ReceiptVerification.Reason.EVENT_HASH_RECOMPUTE_MISMATCH,
                ReceiptVerifier.verifyAgainst(receipt, tamperedFlags, TRUSTED),
                "PROPERTY: a changed header field outside the receipt is caught by the event hash");
    }

    @Property(tries = 200) // each try signs twice with Ed25519
    void sealAndSignIsSignEventOfSeal(@ForAll("unsealed") JournalEvent unsealed) {
        JournalEvent before = JournalEvent.newBuilder(unsealed).build();
        JournalEvent oneStep = SIGNER.sealAndSign(unsealed);
        JournalEvent twoSteps = SIGNER.signEvent(EventHashing.seal(unsealed));
        assertEquals(twoSteps, oneStep, "PROPERTY: sealAndSign(e) == signEvent(seal(e)): same hashes, same signature");
        assertEquals(before, unsealed, "PROPERTY: sealAndSign leaves its input unchanged");
        assertTrue(EventHashing.verify(oneStep));
        assertEquals(new ReceiptVerification.Signed(Keys.PRIMARY.keyId()),
                ReceiptVerifier.verifyAgainst(CommitReceipt.fromJournal(oneStep), oneStep, TRUSTED));
    }

    @Property(tries = 100) // each try signs with Ed25519
    void signEventChangesOnlyTheSignature(@ForAll("sealed") JournalEvent sealed) {
        JournalEvent before = JournalEvent.newBuilder(sealed).build();
        JournalEvent signed = SIGNER.signEvent(sealed);
        assertEquals(before, sealed, "PROPERTY: signEvent leaves its input unchanged");
        assertEquals(JournalEvent.newBuilder(sealed).setSignature(signed.getSignature()).build(), signed,
                "PROPERTY: the signed copy differs from its input in the signature only");
        signed.getPayload().get(); // reading the copy's payload must not move the input's position
        assertEquals(before.getPayload(), sealed.getPayload());
    }

    @Provide
    Arbitrary<JournalEvent> sealed() {
        return TestEvents.events().filter(e -> e.getPayload().hasRemaining());
    }

    @Provide
    Arbitrary<JournalEvent> unsealed() {
        return TestEvents.events().map(e -> JournalEvent.newBuilder(e).setContentHash(TestEvents.hash32(0))
                .setEventHash(TestEvents.hash32(7)).setSignature(null).build());
    }

    @Test
    void theSignerRefusesAnEventThatIsNotSealed() {
        JournalEvent placeholders = JournalEvent.newBuilder(TestEvents.golden()).setEventHash(TestEvents.hash32(0)).build();
        EventHashException e = org.junit.jupiter.api.Assertions.assertThrows(EventHashException.class, () -> SIGNER.signEvent(placeholders));
        assertTrue(e.getMessage().contains("EventHashing.seal"), e.getMessage());
    }

    @Test
    void reasonCodesAreSnakeCase() {
        assertEquals("event_hash_recompute_mismatch", ReceiptVerification.Reason.EVENT_HASH_RECOMPUTE_MISMATCH.code());
        assertEquals("invalid", new ReceiptVerification.Invalid(ReceiptVerification.Reason.INVALID_SIGNATURE, "x").verdict());
        assertEquals("signed", new ReceiptVerification.Signed(Keys.PRIMARY.keyId()).verdict());
    }

    private static void assertInvalid(ReceiptVerification.Reason expected, ReceiptVerification actual, String message) {
        ReceiptVerification.Invalid invalid = assertInstanceOf(ReceiptVerification.Invalid.class, actual, message + " (got " + actual + ")");
        assertEquals(expected, invalid.reason(), message + ": " + invalid.detail());
        assertFalse(actual.isValid());
        assertFalse(actual.isSigned());
        assertFalse(invalid.detail().isBlank());
    }
}
