package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Reads {@code <store>.journal} values as {@link Decoded} {@link JournalEvent}s; never throws on a bad value. */
public final class JournalEventDeserializer extends RecordDeserializer<JournalEvent> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public JournalEventDeserializer() {
        super(Codecs.JOURNAL_EVENT);
    }
}
