package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.codec.RecordCodec;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka deserializer over a {@link RecordCodec} that never throws: every non-null value becomes
 * {@link Decoded.Ok} or {@link Decoded.Malformed}, so a garbage record reaches the consumer loop as
 * data instead of failing {@code poll()} (which would stop the loop at that offset for good).
 *
 * <p>A {@code null} value (a tombstone) becomes {@code null}, as with every Kafka deserializer, so
 * that Kafka Streams tables keep treating it as a delete.
 *
 * @param <T> the record type
 */
public abstract class RecordDeserializer<T> implements Deserializer<Decoded<T>> {

    private final RecordCodec<T> codec;

    /** Creates a deserializer reading with {@code codec}. */
    protected RecordDeserializer(RecordCodec<T> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public Decoded<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return Decoded.of(codec, data);
    }
}
