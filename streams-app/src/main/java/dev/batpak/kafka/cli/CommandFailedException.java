package dev.batpak.kafka.cli;

import dev.batpak.kafka.BatpakException;

/**
 * A command could not do its job for a reason found by the command itself (the broker exited,
 * a record did not come back in time). Printed like every other runtime failure: a JSON object
 * with the code and message on standard error, exit code 1.
 */
public final class CommandFailedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the failure with a stable {@code code} and a message that says what to do. */
    public CommandFailedException(String code, String message) {
        super(code, message);
    }

    /** Creates the failure with the exception that caused it. */
    public CommandFailedException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
