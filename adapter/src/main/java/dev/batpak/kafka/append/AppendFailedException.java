package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/**
 * The broker did not acknowledge a proposal (a timeout, or a retriable error that outlasted the
 * producer's delivery timeout). The proposal may or may not be written: retry with the same
 * idempotency key, which returns the original outcome if it was.
 */
public final class AppendFailedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message and cause. */
    public AppendFailedException(String message, Throwable cause) {
        super("APPEND_FAILED", message, cause);
    }
}
