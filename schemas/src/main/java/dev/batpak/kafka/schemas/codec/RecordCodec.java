package dev.batpak.kafka.schemas.codec;

import org.apache.avro.Schema;

/**
 * Turns one record type into bytes and back.
 *
 * <p>Implementations are thread-safe. {@link #decode(byte[])} is total: for every input, including
 * {@code null}, empty, truncated or hostile bytes, it returns a record or throws
 * {@link MalformedRecordException}; it never throws another exception type and never allocates
 * more than the input's size justifies, so a consumer can feed it whatever a topic holds.
 *
 * @param <T> the record type
 */
public interface RecordCodec<T> {

    /** The schema this codec writes, and reads into. */
    Schema schema();

    /**
     * Encodes {@code record}.
     *
     * @throws RecordEncodingException if the record cannot be written faithfully (a required field
     *     is null, a fixed has the wrong size, a string is not valid Unicode, ...)
     */
    byte[] encode(T record);

    /**
     * Decodes {@code bytes} into a record.
     *
     * @throws MalformedRecordException if the bytes are not a complete, valid encoding of a known
     *     version of this record; {@link MalformedRecordException#reason()} says what was wrong
     */
    T decode(byte[] bytes) throws MalformedRecordException;
}
