package dev.batpak.kafka.receipt;

import java.util.Locale;
import java.util.Objects;

/**
 * The verdict on a commit receipt: {@link Signed}, {@link UnsignedAccepted} or {@link Invalid}
 * with a {@link Reason}, as in batpak (§7.3 of the model).
 *
 * <p>Why two predicates: {@link #isValid()} is true for an unsigned receipt when no keys are
 * configured, which proves only that the receipt agrees with what it was compared to. Callers
 * that need cryptographic proof that the sequencer sealed the event must use {@link #isSigned()}.
 */
public sealed interface ReceiptVerification
        permits ReceiptVerification.Signed, ReceiptVerification.UnsignedAccepted, ReceiptVerification.Invalid {

    /** Why a receipt is invalid. {@link #code()} is the stable snake_case form used on the wire and by the CLI. */
    enum Reason {
        /** Unsigned, but verifying keys are configured: signatures are required. */
        UNSIGNED_RECEIPT_REJECTED,
        /** A non-zero key id with no signature bytes. */
        MISSING_SIGNATURE,
        /** Signature bytes under the zero ("unsigned") key id. */
        ZERO_KEY_WITH_SIGNATURE,
        /** The key id names no configured verifying key. */
        UNKNOWN_SIGNING_KEY,
        /** The signature does not verify under the named key: some signed field was changed. */
        INVALID_SIGNATURE,
        /** The receipt's event id differs from the event's. */
        EVENT_ID_MISMATCH,
        /** Lane, clock or proposal offset differ from the event's. */
        POSITION_MISMATCH,
        /** Entity or scope differ from the event's. */
        COORDINATE_MISMATCH,
        /** The kind differs from the event's. */
        KIND_MISMATCH,
        /** The sealed HLC differs from the event's. */
        HLC_MISMATCH,
        /** The prev hash differs from the event's. */
        PREV_HASH_MISMATCH,
        /** The event hash differs from the event's. */
        EVENT_HASH_MISMATCH,
        /** The content hash differs from the event's. */
        CONTENT_HASH_MISMATCH,
        /** The extensions differ from the event's. */
        EXTENSIONS_MISMATCH,
        /** The stored event's own hashes do not recompute from its fields and payload: the journal was altered. */
        EVENT_HASH_RECOMPUTE_MISMATCH;

        /** The lowercase snake_case code, e.g. {@code invalid_signature}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Signed or unsigned-accepted. */
    boolean isValid();

    /** Signed by a configured key: the only verdict that proves the sequencer made the receipt. */
    boolean isSigned();

    /** {@code signed}, {@code unsigned_accepted} or {@code invalid}, the wire verdict strings. */
    String verdict();

    /**
     * The signature verifies under a configured key.
     *
     * @param keyId the key that signed
     */
    record Signed(KeyId keyId) implements ReceiptVerification {
        /** Validates. */
        public Signed {
            Objects.requireNonNull(keyId, "keyId");
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public boolean isSigned() {
            return true;
        }

        @Override
        public String verdict() {
            return "signed";
        }
    }

    /** The receipt is unsigned and no verifying keys are configured, so unsigned receipts are allowed. */
    record UnsignedAccepted() implements ReceiptVerification {
        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public boolean isSigned() {
            return false;
        }

        @Override
        public String verdict() {
            return "unsigned_accepted";
        }
    }

    /**
     * The receipt does not verify.
     *
     * @param reason the first check that failed
     * @param detail what differed, for people
     */
    record Invalid(Reason reason, String detail) implements ReceiptVerification {
        /** Validates. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public boolean isSigned() {
            return false;
        }

        @Override
        public String verdict() {
            return "invalid";
        }
    }
}
