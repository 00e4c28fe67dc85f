package dev.batpak.kafka.cursor;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.FramedRecordCodec;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * An ordered, at-least-once pull over the visible events of a {@link Region}, with a durable
 * checkpoint. The checkpoint is the consumer-group commit of group
 * {@code <store>.cursor.<checkpointId>} on {@code <store>.journal}, and every commit carries the
 * region's {@link Region#identity()} as its offset metadata: opening a checkpoint saved under
 * another region is refused ({@code CURSOR_REGION_MISMATCH}), as batpak does, instead of
 * silently resuming a different query.
 *
 * <p>Order: per lane, journal (commit) order; across lanes, the order in which the lanes'
 * records arrive (use the HLC to order across lanes). A restarted cursor redelivers at most the
 * batch it had not checkpointed and never skips. Not thread-safe: one thread per cursor.
 *
 * <p>Journal records are decoded with {@link RecordCodecs} built from the Kafka properties given
 * to {@link #open(String, String, int, String, Region, Map, Duration)}: with
 * {@code schema.registry.url} among them, registry-framed records are read; single-object ones
 * always are. A registry that cannot be reached throws
 * {@link dev.batpak.kafka.registry.SchemaRegistryException} from {@link #poll} (nothing of the
 * batch is checkpointed; poll again later).
 */
public final class Cursor implements AutoCloseable {

    private static final Pattern CHECKPOINT = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    private final Region region;
    private final String identity;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final FramedRecordCodec<JournalEvent> journalCodec;

    private Cursor(String bootstrapServers, String store, int lanes, String checkpointId, Region region,
            Map<String, Object> kafkaProperties, Duration timeout) {
        this.region = Objects.requireNonNull(region, "region");
        this.identity = region.identity();
        this.journalCodec = RecordCodecs.create(kafkaProperties, store).journalEvent();
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(store, checkpointId));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.partitions = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            partitions.add(new TopicPartition(StoreTopics.of(store).journal(), lane));
        }
        try {
            consumer.assign(partitions);
            checkRegion(consumer.committed(new HashSet<>(partitions), timeout), checkpointId);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    /**
     * Opens the cursor {@code checkpointId} over {@code region}, resuming from its checkpoint.
     *
     * @throws CursorException ({@code CURSOR_REGION_MISMATCH}) if the checkpoint was saved under
     *     another region; ({@code INVALID_CHECKPOINT}) for a bad id; ({@code CURSOR_UNAVAILABLE})
     *     if Kafka does not answer within {@code timeout}
     */
    public static Cursor open(String bootstrapServers, String store, int lanes, String checkpointId, Region region,
            Duration timeout) {
        return open(bootstrapServers, store, lanes, checkpointId, region, Map.of(), timeout);
    }

    /**
     * {@link #open(String, String, int, String, Region, Duration)} with extra consumer properties,
     * which may carry the schema registry settings ({@code schema.registry.url}, ...) of a store
     * whose journal is registry-framed.
     */
    public static Cursor open(String bootstrapServers, String store, int lanes, String checkpointId, Region region,
            Map<String, Object> kafkaProperties, Duration timeout) {
        StoreTopics.validateStoreName(store);
        if (checkpointId == null || !CHECKPOINT.matcher(checkpointId).matches()) {
            throw new CursorException(CursorException.INVALID_CHECKPOINT, "checkpoint id '" + checkpointId
                    + "' is invalid: use 1 to 128 characters of [a-zA-Z0-9._-]");
        }
        try {
            return new Cursor(bootstrapServers, store, lanes, checkpointId, region, kafkaProperties, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CursorException(CursorException.UNAVAILABLE, "could not read the checkpoint '" + checkpointId
                    + "' of store '" + store + "' within " + timeout + "; check that Kafka is reachable", e);
        }
    }

    /** The consumer group holding checkpoint {@code checkpointId} of {@code store}. */
    public static String groupId(String store, String checkpointId) {
        return store + ".cursor." + checkpointId;
    }

    private void checkRegion(Map<TopicPartition, OffsetAndMetadata> committed, String checkpointId) {
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            OffsetAndMetadata offset = e.getValue();
            if (offset != null && !identity.equals(offset.metadata())) {
                throw new CursorException(CursorException.REGION_MISMATCH, "checkpoint '" + checkpointId
                        + "' was saved by a cursor over region '" + offset.metadata() + "', not '" + identity
                        + "'; use another checkpoint id for another region");
            }
        }
    }

    /** The region. */
    public Region region() {
        return region;
    }

    /**
     * Polls one batch (waiting up to {@code timeout} for records), hands every event of the
     * region to {@code handler} in order, and checkpoints as the actions say: at the end of the
     * batch or at {@link CursorAction#STOP}, the position after the last handled event; at
     * {@link CursorAction#STOP_WITH_ROLLBACK} (or a handler exception) nothing, and the batch is
     * redelivered by the next poll.
     *
     * @throws CursorException ({@code CURSOR_UNAVAILABLE}) if the checkpoint cannot be committed
     */
    public CursorBatch poll(Duration timeout, CursorHandler handler) {
        Map<TopicPartition, Long> next = new HashMap<>();
        int delivered = 0;
        CursorAction action = CursorAction.CONTINUE;
        try {
            outer:
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                StoredEvent event = decode(record);
                if (event != null && region.matches(event.coordinate(), event.kind(), event.clock(), event.lane())) {
                    delivered++;
                    action = handler.handle(event);
                    switch (action) {
                        case CONTINUE -> next.put(partition, record.offset() + 1);
                        case STOP -> {
                            next.put(partition, record.offset() + 1);
                            break outer;
                        }
                        case STOP_WITH_ROLLBACK -> {
                            rollback();
                            return new CursorBatch(delivered, false, action);
                        }
                        default -> throw new IllegalStateException("unknown action " + action);
                    }
                } else {
                    next.put(partition, record.offset() + 1);
                }
            }
        } catch (RuntimeException e) {
            rollback();
            throw e;
        }
        if (next.isEmpty()) {
            return new CursorBatch(delivered, false, action);
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset, identity)));
        try {
            consumer.commitSync(commit, Duration.ofSeconds(30));
        } catch (KafkaException e) {
            rollback();
            throw new CursorException(CursorException.UNAVAILABLE, "could not checkpoint the cursor: " + e, e);
        }
        if (action == CursorAction.STOP) {
            // The records after the stop were fetched but not handled: redeliver them next time.
            commit.forEach((partition, offset) -> consumer.seek(partition, offset.offset()));
            Set<TopicPartition> others = new HashSet<>(partitions);
            others.removeAll(commit.keySet());
            seekToCommitted(others);
        }
        return new CursorBatch(delivered, true, action);
    }

    private void rollback() {
        seekToCommitted(new HashSet<>(partitions));
    }

    private void seekToCommitted(Set<TopicPartition> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(targets, Duration.ofSeconds(30));
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : targets) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                fromStart.add(partition);
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }

    private StoredEvent decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JournalEvent event = journalCodec.decode(record.value());
            return JournalMapping.toStoredEvent(event, record.offset());
        } catch (MalformedRecordException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Closes the consumer; the checkpoint stays. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    @Override
    public String toString() {
        return "Cursor[" + identity + "]";
    }
}
