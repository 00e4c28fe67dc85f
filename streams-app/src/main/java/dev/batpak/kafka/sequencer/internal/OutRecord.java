package dev.batpak.kafka.sequencer.internal;

import java.util.Objects;

/**
 * A record the sequencer forwards to a sink: the encoded value and the partition it must land
 * in.
 *
 * <p>The partition travels with the value because a Kafka Streams {@code StreamPartitioner}
 * sees only key and value, and a journal record must land in the partition its proposal came
 * from (the lane), whatever the entity's key hash says: pinned lanes exist.
 *
 * @param partition the target partition
 * @param value the encoded record value
 */
public record OutRecord(int partition, byte[] value) {

    /** Validates. */
    public OutRecord {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        Objects.requireNonNull(value, "value");
    }
}
