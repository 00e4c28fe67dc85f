package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Writes {@link JournalEvent} values of {@code <store>.journal} in Avro single-object encoding. */
public final class JournalEventSerializer extends RecordSerializer<JournalEvent> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public JournalEventSerializer() {
        super(Codecs.JOURNAL_EVENT);
    }
}
