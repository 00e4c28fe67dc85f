package dev.batpak.kafka.frontier;

import dev.batpak.kafka.BatpakException;

/**
 * The thread waiting for a stage was interrupted. The interrupt flag is set again; the append is
 * not affected.
 */
public final class WaitInterruptedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public WaitInterruptedException(Stage stage, int lane, InterruptedException cause) {
        super("WAIT_INTERRUPTED", "interrupted while waiting for " + stage.name().toLowerCase() + " on lane " + lane,
                cause);
    }
}
