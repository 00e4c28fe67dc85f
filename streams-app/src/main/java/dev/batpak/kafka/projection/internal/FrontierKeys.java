package dev.batpak.kafka.projection.internal;

import dev.batpak.kafka.frontier.Stage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** The keys of {@code <store>.frontier} and the partitioner that writes to its one partition. */
public final class FrontierKeys {

    private FrontierKeys() {
    }

    /** The compacted key of a lane's stage: {@code <lane>/<STAGE>}. */
    public static byte[] key(int lane, Stage stage) {
        return (lane + "/" + stage.name()).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes every record to partition 0 (the frontier topic has one). */
    public static StreamPartitioner<byte[], byte[]> partitionZero() {
        return new StreamPartitioner<>() {
            @Override
            public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, Headers headers,
                    int numPartitions) {
                return Optional.of(Set.of(0));
            }

            /** Kafka Streams calls the variant with headers; this one only satisfies the interface. */
            @Override
            @Deprecated
            @SuppressWarnings("removal")
            public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
                return Optional.of(Set.of(0));
            }
        };
    }
}
