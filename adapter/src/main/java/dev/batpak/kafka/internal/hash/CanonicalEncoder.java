package dev.batpak.kafka.internal.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * Writes the fixed-width, big-endian, length-prefixed byte layouts that batpak-kafka hashes and
 * signs (the canonical event header, the receipt cover).
 *
 * <p>Why not Avro or JSON: hashed bytes must never depend on a serializer's version or on map
 * iteration order. This writer has only fixed-width integers and {@code u32}-length-prefixed byte
 * strings, so every layout built with it is a prefix-free encoding: no two different field
 * sequences of the same layout give the same bytes.
 *
 * <p>Every method checks its range and throws {@link IllegalArgumentException} naming the field,
 * rather than silently truncating a value into a colliding encoding. Not thread-safe.
 */
public final class CanonicalEncoder {

    /**
     * Orders strings by their UTF-8 bytes compared as unsigned values. This is the order of every
     * sorted key list in a hashed layout; unlike {@link String#compareTo} it does not depend on
     * UTF-16, so any language can reproduce it from the bytes alone.
     */
    public static final Comparator<String> UTF8_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final long U32_MAX = 0xFFFF_FFFFL;

    private byte[] buf;
    private int size;

    /** Starts an empty layout with room for {@code expectedSize} bytes (it grows as needed). */
    public CanonicalEncoder(int expectedSize) {
        buf = new byte[Math.max(16, expectedSize)];
    }

    /** One unsigned byte, {@code 0..255}. */
    public CanonicalEncoder u8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " must fit in an unsigned byte (0..255), got " + value);
        }
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    /** An unsigned 16-bit integer, {@code 0..65535}, big-endian. */
    public CanonicalEncoder u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " must fit in an unsigned 16-bit integer (0..65535), got " + value);
        }
        ensure(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
        return this;
    }

    /** An unsigned 32-bit integer, {@code 0..2^32-1}, big-endian. */
    public CanonicalEncoder u32(String field, long value) {
        if (value < 0 || value > U32_MAX) {
            throw new IllegalArgumentException(field + " must fit in an unsigned 32-bit integer, got " + value);
        }
        return rawInt((int) value);
    }

    /**
     * The 32 bits of {@code value} as they are (two's complement), big-endian: for fields that
     * are bit sets or opaque integers, where every Java {@code int} is a legal value.
     */
    public CanonicalEncoder bits32(int value) {
        return rawInt(value);
    }

    /** A non-negative {@code long} as an unsigned 64-bit integer, big-endian. */
    public CanonicalEncoder u64(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
        return bits64(value);
    }

    /** The 64 bits of {@code value} as they are, big-endian (a packed timestamp, for example). */
    public CanonicalEncoder bits64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** Exactly {@code length} bytes with no prefix; refuses any other length. */
    public CanonicalEncoder fixed(String field, byte[] bytes, int length) {
        Objects.requireNonNull(bytes, field);
        if (bytes.length != length) {
            throw new IllegalArgumentException(field + " must be exactly " + length + " bytes, got " + bytes.length);
        }
        return raw(bytes, 0, bytes.length);
    }

    /** {@code u32} length, then the bytes. */
    public CanonicalEncoder bytes(String field, byte[] bytes) {
        Objects.requireNonNull(bytes, field);
        // An array length is never negative and never above U32_MAX, so the u32 range check (and
        // its per-call "<field> length" label) is not needed here.
        rawInt(bytes.length);
        return raw(bytes, 0, bytes.length);
    }

    /** {@code u32} length of the UTF-8 encoding, then the UTF-8 bytes. */
    public CanonicalEncoder utf8(String field, String value) {
        Objects.requireNonNull(value, field);
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Feeds the bytes written so far into {@code hasher}, without copying them. */
    public void writeTo(Blake3.Hasher hasher) {
        hasher.update(buf, 0, size);
    }

    private CanonicalEncoder rawInt(int value) {
        ensure(4);
        buf[size++] = (byte) (value >>> 24);
        buf[size++] = (byte) (value >>> 16);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
        return this;
    }

    private CanonicalEncoder raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalArgumentException("canonical layout larger than 2 GiB");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, Math.min(Integer.MAX_VALUE - 8, buf.length * 2)));
        }
    }
}
