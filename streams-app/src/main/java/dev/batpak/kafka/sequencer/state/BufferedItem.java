package dev.batpak.kafka.sequencer.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * One proposal of a batch, kept as it arrived (the raw record value) until the lane's part of
 * the batch is complete.
 *
 * <p>The raw bytes are kept, not a decoded form, so the decision made when the batch completes
 * sees exactly the bytes a fresh read of the proposals topic would give, and a crash in the
 * middle of collecting loses nothing.
 *
 * @param offset the proposal offset
 * @param timestamp the proposal record's timestamp
 * @param value the proposal record's value bytes
 */
public record BufferedItem(long offset, long timestamp, byte[] value) {

    private static final int VERSION = 1;

    /** Copies the bytes. */
    public BufferedItem {
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The store value. */
    public byte[] encode() {
        return new Bin.Writer(21 + value.length).u8(VERSION).i64(offset).i64(timestamp).bytes(value).toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a buffered item of this release
     */
    public static BufferedItem decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "buffered batch item");
        in.version(VERSION);
        BufferedItem item = new BufferedItem(in.i64(), in.i64(), in.bytes());
        in.end();
        return item;
    }

    /** Field-wise equality, the value by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof BufferedItem b && offset == b.offset && timestamp == b.timestamp
                && Arrays.equals(value, b.value);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, Arrays.hashCode(value));
    }

    /** Readable form without the bytes. */
    @Override
    public String toString() {
        return "BufferedItem[offset=" + offset + ", timestamp=" + timestamp + ", value=" + value.length + " bytes]";
    }
}
