package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.RecordEncodingException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka Streams serde for {@link Decoded} values, for topologies that read batpak topics and must
 * survive garbage in them.
 *
 * <p>Reading is {@link RecordDeserializer}: never throws. Writing an {@link Decoded.Ok} encodes the
 * record; writing a {@link Decoded.Malformed} writes its raw bytes unchanged, so a bad record that
 * travels through a repartition or a changelog arrives byte for byte as it was received.
 *
 * @param <T> the record type
 */
public final class DecodedSerde<T> implements Serde<Decoded<T>> {

    private final RecordCodec<T> codec;

    private DecodedSerde(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** A serde over any codec. */
    public static <T> DecodedSerde<T> of(RecordCodec<T> codec) {
        return new DecodedSerde<>(codec);
    }

    /** {@code <store>.proposals} values. */
    public static DecodedSerde<Proposal> proposals() {
        return of(Codecs.PROPOSAL);
    }

    /** {@code <store>.journal} values. */
    public static DecodedSerde<JournalEvent> journalEvents() {
        return of(Codecs.JOURNAL_EVENT);
    }

    /** {@code <store>.frontier} values. */
    public static DecodedSerde<FrontierPoint> frontierPoints() {
        return of(Codecs.FRONTIER_POINT);
    }

    @Override
    public Serializer<Decoded<T>> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data instanceof Decoded.Malformed<T> malformed) {
                return malformed.raw();
            }
            try {
                return codec.encode(((Decoded.Ok<T>) data).value());
            } catch (RecordEncodingException e) {
                throw new SerializationException("cannot serialize a " + codec.schema().getName() + " for topic "
                        + topic + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<Decoded<T>> deserializer() {
        return new RecordDeserializer<>(codec) { };
    }
}
