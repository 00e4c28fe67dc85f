package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** A batch item named a cause that is not an earlier item of the batch (a forward or self reference), or an event caused itself. Nothing was sent. */
public final class InvalidCausationException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public InvalidCausationException(String message) {
        super("INVALID_CAUSATION", message);
    }
}
