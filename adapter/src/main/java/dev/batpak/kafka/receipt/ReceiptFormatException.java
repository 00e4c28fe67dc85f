package dev.batpak.kafka.receipt;

import dev.batpak.kafka.BatpakException;

/**
 * A receipt, signature or key id cannot be built or decoded: a field is missing, a hash or key id
 * is not 32 bytes, a signature is neither empty nor 64 bytes, an extension key repeats, the
 * coordinate is invalid, or the record's format version is newer than this library.
 *
 * <p>Why it is separate from a verification verdict: a verdict judges a well-formed claim; this
 * says there is no claim to judge. The message names the field. A future format version is a
 * hard refusal (upgrade the library) rather than a best-effort read, so a verifier never approves
 * fields it does not understand. Code {@code INVALID_RECEIPT}.
 */
public final class ReceiptFormatException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code message} names the field and what was wrong. */
    public ReceiptFormatException(String message) {
        super("INVALID_RECEIPT", message);
    }

    /** Creates the error with the validation failure that caused it. */
    public ReceiptFormatException(String message, Throwable cause) {
        super("INVALID_RECEIPT", message, cause);
    }
}
