package dev.batpak.kafka.verify;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * A journal verification could not be completed, so there is no report: the journal topic does
 * not exist, or reading it did not finish in time. A journal that was read to the end but is
 * broken is not an error; that is a {@link VerificationReport} with findings.
 *
 * <p>Why no partial report on a timeout: a report of the part that was read would say
 * "intact" about a journal whose unread part may not be.
 */
public final class JournalVerificationException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** What stopped the verification; each reason has its own stable {@link #code()}. */
    public enum Reason {
        /** The store has no journal topic ({@code JOURNAL_NOT_FOUND}). */
        JOURNAL_NOT_FOUND("JOURNAL_NOT_FOUND"),
        /** Reading the journal to its end offsets did not finish within the timeout ({@code VERIFY_TIMEOUT}). */
        TIMED_OUT("VERIFY_TIMEOUT");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable code of this reason. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    /** Creates the error. */
    public JournalVerificationException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").code, message);
        this.reason = reason;
    }

    /** Creates the error with its cause. */
    public JournalVerificationException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason").code, message, cause);
        this.reason = reason;
    }

    /** Which case this is. */
    public Reason reason() {
        return reason;
    }
}
