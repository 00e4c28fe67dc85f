package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Writes {@link Proposal} values of {@code <store>.proposals} in Avro single-object encoding. */
public final class ProposalSerializer extends RecordSerializer<Proposal> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public ProposalSerializer() {
        super(Codecs.PROPOSAL);
    }
}
