package dev.batpak.kafka.receipt;

import dev.batpak.kafka.BatpakException;

/**
 * An event (or receipt) cannot be put into its canonical hashed form because a field is missing
 * or out of range: a negative lane or clock, a kind wider than 16 bits, a hash that is not 32
 * bytes, two extensions with the same key.
 *
 * <p>Why it is an error and not a best effort: hashing a value that does not fit its field would
 * need truncation, and a truncated encoding can collide with another event's. The message names
 * the field; fix the producer of the record (the sequencer, or whoever built it by hand).
 * Code {@code EVENT_NOT_HASHABLE}.
 */
public final class EventHashException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code message} names the field and what was wrong with it. */
    public EventHashException(String message) {
        super("EVENT_NOT_HASHABLE", message);
    }

    /** Creates the error with the underlying range or null check that failed. */
    public EventHashException(String message, Throwable cause) {
        super("EVENT_NOT_HASHABLE", message, cause);
    }
}
