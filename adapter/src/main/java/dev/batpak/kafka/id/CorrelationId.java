package dev.batpak.kafka.id;

import java.util.Objects;
import java.util.UUID;

/**
 * Groups every event of one request or saga. When an append does not name one, the new event's
 * own id is used, so a root event starts its own group.
 *
 * <p>Text form {@code correlation:<32 lowercase hex>}; byte form 16 bytes big-endian.
 *
 * @param value the 128 bits of the id
 */
public record CorrelationId(UUID value) {

    private static final String TYPE = "CorrelationId";
    private static final String PREFIX = "correlation:";

    /** Rejects a null value: an id without bits identifies nothing. */
    public CorrelationId {
        Id128.requireValue(TYPE, value);
    }

    /** Wraps existing bits. */
    public static CorrelationId of(UUID value) {
        return new CorrelationId(value);
    }

    /** The correlation id that refers to the given event (same 128 bits). */
    public static CorrelationId of(EventId eventId) {
        return new CorrelationId(Objects.requireNonNull(eventId, "eventId").value());
    }

    /**
     * Parses {@code correlation:<32 lowercase hex>}, the form {@link #toString()} produces.
     *
     * @throws InvalidIdException if the prefix is missing or the hex part is not exactly 32
     *     lowercase hex digits
     */
    public static CorrelationId parse(String text) {
        return new CorrelationId(Id128.parse(TYPE, PREFIX, text));
    }

    /**
     * Reads the 16-byte big-endian wire form.
     *
     * @throws InvalidIdException if {@code bytes} is null or not 16 bytes long
     */
    public static CorrelationId fromBytes(byte[] bytes) {
        return new CorrelationId(Id128.fromBytes(TYPE, bytes));
    }

    /** The 16-byte big-endian wire form (a fresh array each call). */
    public byte[] toBytes() {
        return Id128.toBytes(value);
    }

    /** The event id with the same bits, to look up the event this id refers to. */
    public EventId toEventId() {
        return new EventId(value);
    }

    /** {@code correlation:<32 lowercase hex>}. */
    @Override
    public String toString() {
        return Id128.format(PREFIX, value);
    }
}
