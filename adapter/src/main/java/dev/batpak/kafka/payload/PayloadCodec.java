package dev.batpak.kafka.payload;

import dev.batpak.kafka.append.Payload;

/**
 * Turns a Java value into payload bytes with a declared encoding, and back. Implementations must
 * be deterministic for a given value (the content hash is over the bytes) and thread-safe.
 *
 * @param <T> the Java type
 */
public interface PayloadCodec<T> {

    /** Encodes {@code value}. */
    Payload encode(T value);

    /**
     * Decodes {@code payload}.
     *
     * @throws PayloadDecodeException when the bytes are not a {@code T}
     */
    T decode(Payload payload);
}
