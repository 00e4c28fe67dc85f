package dev.batpak.kafka.id;

import java.util.Objects;
import java.util.UUID;

/**
 * Names the direct cause of an event (the id of the event that caused it). It is a separate
 * type from {@link EventId} so a correlation and a causation can never be swapped at a call
 * site; the causal graph depends on them being right.
 *
 * <p>batpak writes {@code 0} for "no cause"; here a root event simply has no
 * {@code CausationId}, so the all-zero value is not special.
 *
 * <p>Text form {@code causation:<32 lowercase hex>}; byte form 16 bytes big-endian.
 *
 * @param value the 128 bits of the id
 */
public record CausationId(UUID value) {

    private static final String TYPE = "CausationId";
    private static final String PREFIX = "causation:";

    /** Rejects a null value: an id without bits identifies nothing. */
    public CausationId {
        Id128.requireValue(TYPE, value);
    }

    /** Wraps existing bits. */
    public static CausationId of(UUID value) {
        return new CausationId(value);
    }

    /** The causation id that refers to the given event (same 128 bits). */
    public static CausationId of(EventId eventId) {
        return new CausationId(Objects.requireNonNull(eventId, "eventId").value());
    }

    /**
     * Parses {@code causation:<32 lowercase hex>}, the form {@link #toString()} produces.
     *
     * @throws InvalidIdException if the prefix is missing or the hex part is not exactly 32
     *     lowercase hex digits
     */
    public static CausationId parse(String text) {
        return new CausationId(Id128.parse(TYPE, PREFIX, text));
    }

    /**
     * Reads the 16-byte big-endian wire form.
     *
     * @throws InvalidIdException if {@code bytes} is null or not 16 bytes long
     */
    public static CausationId fromBytes(byte[] bytes) {
        return new CausationId(Id128.fromBytes(TYPE, bytes));
    }

    /** The 16-byte big-endian wire form (a fresh array each call). */
    public byte[] toBytes() {
        return Id128.toBytes(value);
    }

    /** The event id with the same bits, to look up the event this id refers to. */
    public EventId toEventId() {
        return new EventId(value);
    }

    /** {@code causation:<32 lowercase hex>}. */
    @Override
    public String toString() {
        return Id128.format(PREFIX, value);
    }
}
