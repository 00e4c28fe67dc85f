package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Writes {@link FrontierPoint} values of {@code <store>.frontier} in Avro single-object encoding. */
public final class FrontierPointSerializer extends RecordSerializer<FrontierPoint> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public FrontierPointSerializer() {
        super(Codecs.FRONTIER_POINT);
    }
}
