package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** An append pinned a lane the store does not have. Nothing was sent; lanes are 0..lanes-1. */
public final class UnknownLaneException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public UnknownLaneException(String message) {
        super("UNKNOWN_LANE", message);
    }
}
