package dev.batpak.kafka.sequencer.internal;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The serializer and partitioner of {@link OutRecord}s: the value bytes go out as they are, and
 * the record goes to the partition it names.
 */
public final class OutRecordSerde {

    private OutRecordSerde() {
    }

    /** Writes {@link OutRecord#value()}. */
    public static Serializer<OutRecord> serializer() {
        return (topic, record) -> record == null ? null : record.value();
    }

    /**
     * Sends each record to {@link OutRecord#partition()}, failing loudly if the topic has fewer
     * partitions: silently re-hashing would put a lane's journal into another lane.
     */
    public static StreamPartitioner<byte[], OutRecord> partitioner() {
        return new NamedPartition();
    }

    private static final class NamedPartition implements StreamPartitioner<byte[], OutRecord> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, OutRecord record, Headers headers,
                int numPartitions) {
            if (record.partition() >= numPartitions) {
                throw new IllegalStateException("topic " + topic + " has " + numPartitions + " partitions but the"
                        + " sequencer must write to partition " + record.partition() + "; the proposals and journal"
                        + " topics must have the same number of partitions (run `batpak topics verify`)");
            }
            return Optional.of(Set.of(record.partition()));
        }

        /** Kafka Streams calls the variant with headers; this one only satisfies the interface. */
        @Override
        @Deprecated
        @SuppressWarnings("removal")
        public Optional<Set<Integer>> partitions(String topic, byte[] key, OutRecord record, int numPartitions) {
            return partitions(topic, key, record, null, numPartitions);
        }
    }
}
