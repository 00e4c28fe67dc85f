package dev.batpak.kafka.sequencer.internal;

import dev.batpak.kafka.sequencer.state.StoreLayout;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fills the global causal index store ({@value StoreLayout#CAUSAL_INDEX}) from
 * {@code <store>.causal-index}: every record (an event id, or a batch id ‖ lane vote) is put as it
 * is (a null value deletes). Kafka Streams
 * runs this on its global thread, whose consumer reads {@code read_committed} under exactly-once,
 * so an entry appears only after the transaction that wrote its journal record has committed.
 */
public final class CausalIndexStore implements Processor<byte[], byte[], Void, Void> {

    private KeyValueStore<Bytes, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(StoreLayout.CAUSAL_INDEX);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null || (record.key().length != 16 && record.key().length != 20)) {
            return; // not written by the sequencer: nothing to index
        }
        if (record.value() == null) {
            store.delete(Bytes.wrap(record.key()));
        } else {
            store.put(Bytes.wrap(record.key()), record.value());
        }
    }

    /**
     * The index sink's partitioner: a lane writes its entries to partition {@code lane mod
     * partitions}, so one key (an event id, decided on one lane) always lands in one partition and
     * compaction keeps its latest entry.
     */
    public static StreamPartitioner<byte[], OutRecord> partitioner() {
        return new LanePartition();
    }

    private static final class LanePartition implements StreamPartitioner<byte[], OutRecord> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, OutRecord record, Headers headers,
                int numPartitions) {
            return Optional.of(Set.of(record.partition() % numPartitions));
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
