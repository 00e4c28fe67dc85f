package dev.batpak.kafka.id;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * The identity of an operation, so that retrying the same operation does not append twice: an
 * append that carries a key the store has already committed returns the earlier result. When a
 * key is supplied it also becomes the event's {@link EventId} ({@link #toEventId()}).
 *
 * <p>It is <em>operation</em> identity, not a payload hash: two different operations that happen
 * to carry equal payloads must use different keys. {@link #forOperation(String, String...)}
 * derives one deterministically from a domain and the parts that name the operation.
 *
 * <p>Text form {@code idempotency:<32 lowercase hex>}; byte form 16 bytes big-endian.
 *
 * @param value the 128 bits of the key
 */
public record IdempotencyKey(UUID value) {

    private static final String TYPE = "IdempotencyKey";
    private static final String PREFIX = "idempotency:";

    /** Rejects a null value: a key without bits identifies nothing. */
    public IdempotencyKey {
        Id128.requireValue(TYPE, value);
    }

    /** Wraps existing bits. */
    public static IdempotencyKey of(UUID value) {
        return new IdempotencyKey(value);
    }

    /**
     * Derives the key of an operation from a domain and the parts that name it, as batpak does:
     * BLAKE3 over {@code le_u64(len(domain)) || domain || le_u64(count) || for each part
     * le_u64(len(part)) || part} (strings as UTF-8, lengths in bytes), first 16 digest bytes read
     * big-endian.
     *
     * <p>Every string is length-prefixed and the part count is hashed, so no two different
     * (domain, parts) inputs share an encoding: {@code ["ab","c"]} and {@code ["a","bc"]} give
     * different keys, as do {@code ["a"]} and {@code ["a",""]}.
     *
     * @param domain names the kind of operation, for example {@code "orders.place"}
     * @param parts the values that identify this particular operation; none may be null
     * @throws InvalidIdException if a string holds an unpaired surrogate (it has no UTF-8 form)
     */
    public static IdempotencyKey forOperation(String domain, String... parts) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(parts, "parts");
        Blake3Digest digest = new Blake3Digest(256);
        updateLengthPrefixed(digest, domain);
        updateLe64(digest, parts.length);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part == null) {
                throw new NullPointerException("parts[" + i + "] is null; every part must be a string");
            }
            updateLengthPrefixed(digest, part);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        byte[] first16 = new byte[Id128.BYTES];
        System.arraycopy(out, 0, first16, 0, Id128.BYTES);
        return new IdempotencyKey(Id128.fromBytes(TYPE, first16));
    }

    private static void updateLengthPrefixed(Blake3Digest digest, String s) {
        byte[] bytes = strictUtf8(s);
        updateLe64(digest, bytes.length);
        digest.update(bytes, 0, bytes.length);
    }

    /**
     * UTF-8 that refuses lone surrogates. {@link String#getBytes} would replace one with
     * {@code ?}, making a lone surrogate and {@code ?} the same operation.
     */
    private static byte[] strictUtf8(String s) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new InvalidIdException(TYPE, "forOperation input contains an unpaired UTF-16"
                    + " surrogate, which has no UTF-8 form; pass well-formed text");
        }
    }

    private static void updateLe64(Blake3Digest digest, long v) {
        byte[] le = new byte[8];
        for (int i = 0; i < 8; i++) {
            le[i] = (byte) (v >>> (8 * i));
        }
        digest.update(le, 0, le.length);
    }

    /**
     * Parses {@code idempotency:<32 lowercase hex>}, the form {@link #toString()} produces.
     *
     * @throws InvalidIdException if the prefix is missing or the hex part is not exactly 32
     *     lowercase hex digits
     */
    public static IdempotencyKey parse(String text) {
        return new IdempotencyKey(Id128.parse(TYPE, PREFIX, text));
    }

    /**
     * Reads the 16-byte big-endian wire form.
     *
     * @throws InvalidIdException if {@code bytes} is null or not 16 bytes long
     */
    public static IdempotencyKey fromBytes(byte[] bytes) {
        return new IdempotencyKey(Id128.fromBytes(TYPE, bytes));
    }

    /** The 16-byte big-endian wire form (a fresh array each call). */
    public byte[] toBytes() {
        return Id128.toBytes(value);
    }

    /**
     * The event id an append with this key gets: the same 128 bits, so a retry of the operation
     * resolves to the same event.
     */
    public EventId toEventId() {
        return new EventId(value);
    }

    /** {@code idempotency:<32 lowercase hex>}. */
    @Override
    public String toString() {
        return Id128.format(PREFIX, value);
    }
}
