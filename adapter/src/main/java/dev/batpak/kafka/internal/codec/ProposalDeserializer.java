package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Reads {@code <store>.proposals} values as {@link Decoded} {@link Proposal}s; never throws on a bad value. */
public final class ProposalDeserializer extends RecordDeserializer<Proposal> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public ProposalDeserializer() {
        super(Codecs.PROPOSAL);
    }
}
