package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.codec.Codecs;

/** Reads {@code <store>.frontier} values as {@link Decoded} {@link FrontierPoint}s; never throws on a bad value. */
public final class FrontierPointDeserializer extends RecordDeserializer<FrontierPoint> {

    /** The no-arg constructor Kafka uses when the class is named in configuration. */
    public FrontierPointDeserializer() {
        super(Codecs.FRONTIER_POINT);
    }
}
