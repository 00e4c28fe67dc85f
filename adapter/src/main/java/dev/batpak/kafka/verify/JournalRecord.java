package dev.batpak.kafka.verify;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of a journal topic as the verifier sees it: the partition (the lane) and offset it
 * was read from, and the value bytes exactly as stored. This is all {@link JournalVerifier#verify}
 * needs, so chains can be checked without a broker (tests, exported journals).
 *
 * @param partition the journal partition, which is the lane
 * @param offset the offset in that partition
 * @param value the record value (a single-object encoded {@code JournalEvent}); null for a
 *     tombstone, which is itself a finding. Not copied: the caller must not change it while the
 *     verifier reads it.
 */
public record JournalRecord(int partition, long offset, byte[] value) {

    /** Validates. */
    public JournalRecord {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("a journal record needs a non-negative partition and offset, got partition "
                    + partition + " offset " + offset);
        }
    }

    /** A record with {@code value} at {@code partition} and {@code offset}. */
    public static JournalRecord of(int partition, long offset, byte[] value) {
        return new JournalRecord(partition, offset, value);
    }

    /** The partition, offset and value of a consumed record. */
    public static JournalRecord of(ConsumerRecord<?, byte[]> record) {
        Objects.requireNonNull(record, "record");
        return new JournalRecord(record.partition(), record.offset(), record.value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalRecord other && partition == other.partition && offset == other.offset
                && java.util.Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return (31 * partition + Long.hashCode(offset)) * 31 + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "JournalRecord[partition=" + partition + ", offset=" + offset + ", value="
                + (value == null ? "null" : value.length + " bytes") + "]";
    }
}
