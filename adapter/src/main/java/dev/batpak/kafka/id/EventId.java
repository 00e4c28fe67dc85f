package dev.batpak.kafka.id;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The identity of one event: a 128-bit value, normally a UUIDv7 (RFC 9562), or the
 * {@link IdempotencyKey} of the operation when one was supplied (so a retried operation maps to
 * the same event id).
 *
 * <p>UUIDv7 puts a 48-bit Unix millisecond timestamp in the top bits, so ids generated later sort
 * later (to millisecond resolution), which keeps id-keyed indexes append-mostly. The remaining 74
 * bits are random so independent writers do not collide.
 *
 * <p>Text form {@code event:<32 lowercase hex>}; byte form 16 bytes big-endian.
 *
 * @param value the 128 bits of the id
 */
public record EventId(UUID value) {

    private static final String TYPE = "EventId";
    private static final String PREFIX = "event:";

    /** The largest Unix millisecond timestamp a UUIDv7 can carry (48 bits). */
    public static final long MAX_V7_MILLIS = (1L << 48) - 1;

    /** Shared, thread-safe source of the random bits for {@link #random()}. */
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    /** Rejects a null value: an id without bits identifies nothing. */
    public EventId {
        Id128.requireValue(TYPE, value);
    }

    /** A fresh UUIDv7 stamped with {@link System#currentTimeMillis()} and secure random bits. */
    public static EventId random() {
        return v7(System.currentTimeMillis(), SECURE_RANDOM);
    }

    /**
     * A UUIDv7 for the given Unix millisecond timestamp: 48-bit timestamp, version {@code 7},
     * 12 random bits, variant {@code 0b10}, 62 random bits.
     *
     * @param unixMillis milliseconds since the Unix epoch, in {@code [0, 2^48)}
     * @param random the source of the 74 random bits
     * @throws InvalidIdException if the timestamp does not fit the 48-bit field
     */
    public static EventId v7(long unixMillis, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        if (unixMillis < 0 || unixMillis > MAX_V7_MILLIS) {
            throw new InvalidIdException(TYPE, "a UUIDv7 timestamp must be in [0, " + MAX_V7_MILLIS
                    + "] Unix milliseconds, got " + unixMillis + "; check the clock that supplied it");
        }
        long randA = random.nextLong() & 0x0FFFL;
        long randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        long msb = (unixMillis << 16) | 0x7000L | randA;
        long lsb = 0x8000_0000_0000_0000L | randB;
        return new EventId(new UUID(msb, lsb));
    }

    /** Wraps existing bits (any version), for example when decoding a stored event. */
    public static EventId of(UUID value) {
        return new EventId(value);
    }

    /**
     * Parses {@code event:<32 lowercase hex>}, the form {@link #toString()} produces.
     *
     * @throws InvalidIdException if the prefix is missing or the hex part is not exactly 32
     *     lowercase hex digits
     */
    public static EventId parse(String text) {
        return new EventId(Id128.parse(TYPE, PREFIX, text));
    }

    /**
     * Reads the 16-byte big-endian wire form.
     *
     * @throws InvalidIdException if {@code bytes} is null or not 16 bytes long
     */
    public static EventId fromBytes(byte[] bytes) {
        return new EventId(Id128.fromBytes(TYPE, bytes));
    }

    /** The 16-byte big-endian wire form (a fresh array each call). */
    public byte[] toBytes() {
        return Id128.toBytes(value);
    }

    /**
     * The 48-bit Unix millisecond timestamp in the top bits. Meaningful only for UUIDv7 ids
     * ({@code value().version() == 7}); an id derived from an idempotency key carries hash bits
     * there instead.
     */
    public long timestampMillis() {
        return value.getMostSignificantBits() >>> 16;
    }

    /** {@code event:<32 lowercase hex>}. */
    @Override
    public String toString() {
        return Id128.format(PREFIX, value);
    }
}
