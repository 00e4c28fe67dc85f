package dev.batpak.kafka.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.batpak.kafka.append.Payload;
import java.io.IOException;
import java.util.Objects;

/**
 * JSON payloads through Jackson. The default mapper sorts map keys and tolerates unknown
 * properties, so encoding is deterministic and old readers accept new optional fields (batpak's
 * "do not reject unknown fields" rule).
 *
 * @param <T> the Java type
 */
public final class JsonCodec<T> implements PayloadCodec<T> {

    private static final ObjectMapper DEFAULT_MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Class<T> type;
    private final ObjectMapper mapper;

    private JsonCodec(Class<T> type, ObjectMapper mapper) {
        this.type = Objects.requireNonNull(type, "type");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** A codec for {@code type} with the default mapper (records and POJOs work). */
    public static <T> JsonCodec<T> of(Class<T> type) {
        return new JsonCodec<>(type, DEFAULT_MAPPER);
    }

    /** A codec for {@code type} with the caller's mapper. */
    public static <T> JsonCodec<T> of(Class<T> type, ObjectMapper mapper) {
        return new JsonCodec<>(type, mapper);
    }

    @Override
    public Payload encode(T value) {
        try {
            return new Payload(Payload.Encoding.JSON, mapper.writeValueAsBytes(value), java.util.OptionalInt.empty());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + type.getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(Payload payload) {
        try {
            return mapper.readValue(payload.bytes(), type);
        } catch (IOException e) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE,
                    "payload is not a JSON " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
