package dev.batpak.kafka.frontier;

import dev.batpak.kafka.BatpakException;

/**
 * A frontier state that breaks the order of stages was about to be built. It signals a bug (or
 * corrupt frontier announcements), never a caller error.
 */
public final class IllegalFrontierException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the broken rule. */
    public IllegalFrontierException(String message) {
        super("ILLEGAL_FRONTIER", message);
    }
}
