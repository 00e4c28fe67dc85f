package dev.batpak.kafka.cursor;

/**
 * What one {@link Cursor#poll} did.
 *
 * @param delivered events handed to the handler
 * @param checkpointed true if the position was committed (false after a rollback or with nothing new)
 * @param action the last action (CONTINUE when the batch ran to its end)
 */
public record CursorBatch(int delivered, boolean checkpointed, CursorAction action) {
}
