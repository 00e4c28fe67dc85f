package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.RecordEncodingException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serializer over a {@link RecordCodec}. A {@code null} record becomes a {@code null} value
 * (a tombstone), as with every Kafka serializer; a record the codec refuses becomes a
 * {@link SerializationException} (the type producers and Kafka Streams' production exception
 * handler expect), with the codec's {@link RecordEncodingException} as its cause.
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> implements Serializer<T> {

    private final RecordCodec<T> codec;

    /** Creates a serializer writing with {@code codec}. */
    protected RecordSerializer(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return codec.encode(data);
        } catch (RecordEncodingException e) {
            throw new SerializationException("cannot serialize a " + codec.schema().getName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
