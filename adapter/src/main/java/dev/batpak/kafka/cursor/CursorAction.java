package dev.batpak.kafka.cursor;

/** What a cursor handler asks for after an event. */
public enum CursorAction {
    /** The event is handled; go on. */
    CONTINUE,
    /** The event is handled; checkpoint up to and including it, and stop this batch. */
    STOP,
    /** Stop without checkpointing anything of this batch: it is redelivered from the last checkpoint. */
    STOP_WITH_ROLLBACK
}
