package dev.batpak.kafka.payload;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.util.Objects;

/**
 * Binds a Java type to a kind, a payload version and a codec, so appends and reads of that type
 * cannot disagree on any of them (batpak's {@code EventPayload}).
 *
 * <p>Decoding follows batpak: a stored version equal to this type's, or 0 (untyped), decodes as
 * is; a newer stored version is a {@code FUTURE_VERSION} error — a reader never guesses at a
 * format it does not know.
 *
 * @param type the Java type
 * @param kind its kind (not reserved)
 * @param payloadVersion its current payload version, from 1
 * @param codec how it is encoded
 * @param <T> the Java type
 */
public record EventType<T>(Class<T> type, EventKind kind, int payloadVersion, PayloadCodec<T> codec) {

    /** Validates. */
    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(codec, "codec");
        if (kind.isReserved()) {
            throw new IllegalArgumentException("event type " + type.getSimpleName() + " uses the reserved kind " + kind);
        }
        if (payloadVersion < 1 || payloadVersion > 0xFFFF) {
            throw new IllegalArgumentException("payload version of " + type.getSimpleName() + " must be 1..65535 (0 is"
                    + " the untyped version), got " + payloadVersion);
        }
    }

    /** A JSON event type. */
    public static <T> EventType<T> json(Class<T> type, EventKind kind, int payloadVersion) {
        return new EventType<>(type, kind, payloadVersion, JsonCodec.of(type));
    }

    /** An Avro event type for a generated class. */
    public static <T extends org.apache.avro.specific.SpecificRecord> EventType<T> avro(Class<T> type, EventKind kind,
            int payloadVersion) {
        return new EventType<>(type, kind, payloadVersion, AvroCodec.of(type));
    }

    /**
     * Decodes a stored event of this type.
     *
     * @throws PayloadDecodeException for another kind, a newer payload version, or bad bytes
     */
    public T decode(StoredEvent event) {
        if (!event.kind().equals(kind)) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.KIND_MISMATCH, "event " + event.eventId()
                    + " has kind " + event.kind() + ", not " + type.getSimpleName() + "'s " + kind, null);
        }
        if (event.payloadVersion() > payloadVersion) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.FUTURE_VERSION, "event " + event.eventId()
                    + " was written with payload version " + event.payloadVersion() + " of " + type.getSimpleName()
                    + ", newer than this reader's " + payloadVersion + ": upgrade the reader", null);
        }
        return codec.decode(event.payload());
    }
}
