package dev.batpak.kafka.sequencer.state;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The byte layout of the sequencer's RocksDB keys and values: big-endian fixed-width integers
 * and length-prefixed byte strings behind a one-byte format version.
 *
 * <p>Hand-written rather than Avro because these values are private to the sequencer, written
 * and read millions of times per second, and never cross a schema registry; a version byte in
 * front of every value leaves room to change the layout with a migration.
 */
final class Bin {

    private Bin() {
    }

    /** Accumulates a value. */
    static final class Writer {

        private final ByteArrayOutputStream out;

        Writer(int sizeHint) {
            this.out = new ByteArrayOutputStream(sizeHint);
        }

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer i32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer i64(long value) {
            i32((int) (value >>> 32));
            return i32((int) value);
        }

        Writer fixed(byte[] bytes, int length) {
            if (bytes.length != length) {
                throw new IllegalArgumentException("expected " + length + " bytes, got " + bytes.length);
            }
            out.write(bytes, 0, length);
            return this;
        }

        Writer bytes(byte[] bytes) {
            i32(bytes.length);
            out.write(bytes, 0, bytes.length);
            return this;
        }

        Writer utf8(String text) {
            return bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads a value written by {@link Writer}, failing with {@link StateFormatException} on any inconsistency. */
    static final class Reader {

        private final ByteBuffer in;
        private final String what;

        Reader(byte[] bytes, String what) {
            this.in = ByteBuffer.wrap(bytes);
            this.what = what;
        }

        int u8() {
            try {
                return in.get() & 0xFF;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        int i32() {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        long i64() {
            try {
                return in.getLong();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        byte[] fixed(int length) {
            if (in.remaining() < length) {
                throw truncated();
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            return bytes;
        }

        byte[] bytes() {
            int length = i32();
            if (length < 0 || length > in.remaining()) {
                throw new StateFormatException(what + ": length " + length + " does not fit the "
                        + in.remaining() + " remaining bytes");
            }
            return fixed(length);
        }

        String utf8() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void version(int expected) {
            int version = u8();
            if (version != expected) {
                throw new StateFormatException(what + ": format version " + version + " is not the "
                        + "supported version " + expected + "; the state store was written by another "
                        + "sequencer release: reset the application or run the matching release");
            }
        }

        void end() {
            if (in.hasRemaining()) {
                throw new StateFormatException(what + ": " + in.remaining() + " unexpected trailing bytes");
            }
        }

        private StateFormatException truncated() {
            return new StateFormatException(what + ": value is truncated");
        }
    }
}
