package dev.batpak.kafka.query;

import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.registry.SchemaRegistryException;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes one lane's journal records into {@link QueryLayout#EVENTS} and
 * {@link QueryLayout#INDEX}. A record that cannot be decoded, or cannot be read as a
 * {@link StoredEvent} (for example a denial of a proposal whose coordinate was invalid, or a
 * record in the wrong partition), is skipped and counted in the lane's progress; it never stops
 * the task. A schema registry that cannot be reached is different: the record may be fine, so
 * the task fails and {@link QueryIndexApp} restarts it to retry from the last commit.
 */
final class QueryIndexProcessor implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(QueryIndexProcessor.class);

    private final RecordCodecs codecs;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<Bytes, byte[]> events;
    private KeyValueStore<Bytes, byte[]> index;

    QueryIndexProcessor(RecordCodecs codecs) {
        this.codecs = codecs;
    }

    @Override
    public void init(ProcessorContext<Void, Void> processorContext) {
        this.context = processorContext;
        this.events = processorContext.getStateStore(QueryLayout.EVENTS);
        this.index = processorContext.getStateStore(QueryLayout.INDEX);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "the query index processor reads the journal directly and always has record metadata"));
        long offset = metadata.offset();
        int lane = metadata.partition();
        long[] progress = progress(index.get(QueryLayout.PROGRESS));
        StoredEvent event;
        JournalEvent journalEvent;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("the record has no value");
            }
            journalEvent = codecs.journalEvent().decode(record.value());
            event = JournalMapping.toStoredEvent(journalEvent, offset);
            if (event.lane() != lane) {
                throw new IllegalArgumentException("it names lane " + event.lane() + " but is in partition " + lane);
            }
        } catch (SchemaRegistryException e) {
            // an outage, not a bad record: fail the task so the record is retried (QueryIndexApp)
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("query index: skipping journal record {}-{} at offset {}: {}", metadata.topic(), lane, offset,
                    e.toString());
            index.put(QueryLayout.PROGRESS, progress(offset + 1, progress[1] + 1));
            return;
        }
        write(events::put, index::put, journalEvent, event);
        index.put(QueryLayout.PROGRESS, progress(offset + 1, progress[1]));
    }

    /** Writes one decoded event (at {@code event.journalOffset()}) into the two stores. */
    static void write(BiConsumer<Bytes, byte[]> events, BiConsumer<Bytes, byte[]> index, JournalEvent journalEvent,
            StoredEvent event) {
        long offset = event.journalOffset();
        events.accept(QueryLayout.offsetKey(offset), Codecs.JOURNAL_EVENT.encode(journalEvent));
        for (Bytes key : QueryLayout.secondaryKeys(event.coordinate().entity(), event.coordinate().scope(),
                event.kind().raw(), offset)) {
            index.accept(key, QueryLayout.EMPTY);
        }
        index.accept(QueryLayout.idKey(event.eventId()), QueryLayout.offsetKey(offset).get());
    }

    /** {next offset, skipped} from the stored progress (zeros when absent). */
    static long[] progress(byte[] stored) {
        if (stored == null || stored.length != 16) {
            return new long[] {0, 0};
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new long[] {buffer.getLong(), buffer.getLong()};
    }

    private static byte[] progress(long next, long skipped) {
        return ByteBuffer.allocate(16).putLong(next).putLong(skipped).array();
    }
}
