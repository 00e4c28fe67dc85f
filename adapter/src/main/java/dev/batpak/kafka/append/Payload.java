package dev.batpak.kafka.append;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Payload bytes with their declared encoding. The store never interprets the bytes; the encoding
 * (and, for Avro, the registry schema id) travels with the event so readers can decode it.
 *
 * @param encoding how the bytes are encoded
 * @param bytes the payload bytes (copied)
 * @param schemaId the registry schema id of an Avro payload, when a registry governs it
 */
public record Payload(Encoding encoding, byte[] bytes, OptionalInt schemaId) {

    /** Declared payload encodings. */
    public enum Encoding {
        /** Opaque bytes. */
        RAW,
        /** UTF-8 JSON text. */
        JSON,
        /** Avro binary, optionally with a registry schema id. */
        AVRO
    }

    /** Validates and copies. */
    public Payload {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(schemaId, "schemaId");
        if (schemaId.isPresent() && encoding != Encoding.AVRO) {
            throw new IllegalArgumentException("only AVRO payloads carry a schema id");
        }
        bytes = bytes.clone();
    }

    /** Opaque bytes. */
    public static Payload raw(byte[] bytes) {
        return new Payload(Encoding.RAW, bytes, OptionalInt.empty());
    }

    /** JSON text, stored as UTF-8. The text is not parsed here. */
    public static Payload json(String json) {
        return new Payload(Encoding.JSON, json.getBytes(StandardCharsets.UTF_8), OptionalInt.empty());
    }

    /** Avro binary without a registry schema id. */
    public static Payload avro(byte[] bytes) {
        return new Payload(Encoding.AVRO, bytes, OptionalInt.empty());
    }

    /** Avro binary written with the registry schema {@code schemaId}. */
    public static Payload avro(byte[] bytes, int schemaId) {
        return new Payload(Encoding.AVRO, bytes, OptionalInt.of(schemaId));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of payload bytes. */
    public int size() {
        return bytes.length;
    }

    /** The bytes decoded as UTF-8 (meaningful for JSON payloads). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload other && encoding == other.encoding && Arrays.equals(bytes, other.bytes)
                && schemaId.equals(other.schemaId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(encoding, Arrays.hashCode(bytes), schemaId);
    }

    @Override
    public String toString() {
        return "Payload[" + encoding + ", " + bytes.length + " bytes" + (schemaId.isPresent() ? ", schema " + schemaId.getAsInt() : "") + "]";
    }
}
