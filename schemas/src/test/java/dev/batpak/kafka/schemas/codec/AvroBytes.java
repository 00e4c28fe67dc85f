package dev.batpak.kafka.schemas.codec;

import java.io.ByteArrayOutputStream;

/** Hand-built Avro binary for tests that need bytes no encoder would write. */
final class AvroBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Starts with the single-object header for {@code fingerprint}. */
    static AvroBytes singleObject(long fingerprint) {
        AvroBytes bytes = new AvroBytes();
        bytes.raw(0xC3, 0x01);
        for (int i = 0; i < 8; i++) {
            bytes.out.write((int) (fingerprint >>> (8 * i)) & 0xff);
        }
        return bytes;
    }

    /** Appends a zig-zag varint (Avro int and long). */
    AvroBytes varLong(long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7fL) != 0) {
            out.write((int) ((zigzag & 0x7f) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return this;
    }

    /** Appends a string: length, then UTF-8. */
    AvroBytes string(String s) {
        byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        varLong(utf8.length);
        out.write(utf8, 0, utf8.length);
        return this;
    }

    /** Appends raw bytes. */
    AvroBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    /** Appends {@code n} zero bytes. */
    AvroBytes zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    byte[] build() {
        return out.toByteArray();
    }
}
