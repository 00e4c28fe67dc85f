package dev.batpak.kafka.projection.internal;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global copy of {@code <store>.frontier}, key and value bytes exactly as in the topic.
 * Raw, because Kafka Streams restores a global store from its topic without this processor:
 * a transformed value would differ between a restored and a processed entry.
 */
public final class FrontierMirror implements Processor<byte[], byte[], Void, Void> {

    private final String storeName;
    private KeyValueStore<Bytes, byte[]> store;

    /** A mirror into the global store {@code storeName}. */
    public FrontierMirror(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(Bytes.wrap(record.key()));
        } else {
            store.put(Bytes.wrap(record.key()), record.value());
        }
    }
}
