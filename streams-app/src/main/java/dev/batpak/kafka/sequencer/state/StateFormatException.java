package dev.batpak.kafka.sequencer.state;

import dev.batpak.kafka.BatpakException;

/**
 * A value in one of the sequencer's state stores cannot be read.
 *
 * <p>The stores are written only by the sequencer, so this means corruption or a store written
 * by an incompatible release. The sequencer does not guess: the task fails, and the operator
 * resets the application's state (it is rebuilt from the changelog) or runs the matching
 * release.
 */
public final class StateFormatException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the store value and what was wrong. */
    public StateFormatException(String message) {
        super("SEQUENCER_STATE_CORRUPT", message);
    }
}
