package dev.batpak.kafka.cursor;

import dev.batpak.kafka.read.StoredEvent;

/** Handles the events a {@link Cursor} delivers, one at a time, and says how to go on. */
@FunctionalInterface
public interface CursorHandler {

    /** Handles {@code event}; a thrown exception acts as {@link CursorAction#STOP_WITH_ROLLBACK} and propagates. */
    CursorAction handle(StoredEvent event);
}
