package dev.batpak.kafka.receipt;

import dev.batpak.kafka.BatpakException;

/**
 * A receipt signing or verifying key cannot be loaded, parsed or saved. {@link #reason()} says
 * which case; the message names the file or input and what to do.
 *
 * <p>Why a key file that others can read is an error and not a warning: a leaked signing key lets
 * anyone forge receipts for every event the store ever sealed, and the leak cannot be detected
 * afterwards. Like {@code ssh}, batpak-kafka refuses to use a private key file whose permissions
 * allow group or other users any access.
 */
public final class ReceiptKeyException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** What went wrong; each reason has its own stable {@link #code()}. */
    public enum Reason {
        /** A private key file grants group or other users access ({@code KEY_FILE_TOO_OPEN}). */
        PERMISSIONS_TOO_OPEN("KEY_FILE_TOO_OPEN"),
        /** The input is not a key in a supported form ({@code INVALID_KEY}). */
        MALFORMED("INVALID_KEY"),
        /** The file could not be read or written ({@code KEY_FILE_IO}). */
        IO("KEY_FILE_IO"),
        /** Saving would overwrite an existing file ({@code KEY_FILE_EXISTS}). */
        ALREADY_EXISTS("KEY_FILE_EXISTS");

        private final String code;

        Reason(String code) {
            this.code = code;
        }
    }

    private final Reason reason;

    /** Creates the error. */
    public ReceiptKeyException(Reason reason, String message) {
        super(reason.code, message);
        this.reason = reason;
    }

    /** Creates the error with its cause. */
    public ReceiptKeyException(Reason reason, String message, Throwable cause) {
        super(reason.code, message, cause);
        this.reason = reason;
    }

    /** Which case this is. */
    public Reason reason() {
        return reason;
    }
}
