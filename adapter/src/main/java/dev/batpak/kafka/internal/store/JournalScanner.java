package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the journal directly, read_committed, for point and stream reads that the tail does not
 * hold. A scan reads a lane from a starting offset up to the lane's end at the time the scan
 * began, so it always terminates; undecodable records are skipped.
 *
 * <p>Point reads use the UUIDv7 timestamp in an event id to start near the event (events are
 * sealed after they are proposed, so the journal record's timestamp is not before the id's time
 * minus the clock skew allowance); ids that are idempotency keys carry no time and scan the whole
 * lane. The indexed path (the streams app's event index) replaces these scans for large journals.
 */
public final class JournalScanner {

    /** How far before an event id's timestamp a point read starts, to allow for clock skew. */
    static final Duration SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private final StoreTopics topics;
    private final int lanes;
    private final Map<String, Object> consumerConfig;
    private final RecordCodec<JournalEvent> codec;

    /** Creates a scanner with the store's consumer settings. */
    public JournalScanner(String store, int lanes, Map<String, Object> consumerConfig, RecordCodec<JournalEvent> codec) {
        this.codec = codec;
        this.topics = StoreTopics.of(store);
        this.lanes = lanes;
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        this.consumerConfig = config;
    }

    /** The first journal record (in any lane) matching {@code match}. */
    public Optional<JournalTail.Found> find(EventId eventId, Predicate<JournalEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean timed = eventId != null && eventId.value().version() == 7;
        for (int lane = 0; lane < lanes; lane++) {
            Optional<JournalTail.Found> found = scanLane(lane, null,
                    timed ? eventId.timestampMillis() - SKEW_ALLOWANCE.toMillis() : -1, match, 1, deadline)
                    .stream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The records of one lane whose key is {@code entity} and that match {@code match}, in journal
     * order, at most {@code limit}.
     */
    public List<JournalTail.Found> scanLane(int lane, String entity, long fromTimestamp,
            Predicate<JournalEvent> match, int limit, long deadlineNanos) {
        byte[] key = entity == null ? null : entity.getBytes(StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(topics.journal(), lane);
        List<JournalTail.Found> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), remaining(deadlineNanos)).get(partition);
            if (fromTimestamp > 0) {
                OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, fromTimestamp),
                        remaining(deadlineNanos)).get(partition);
                if (start == null) {
                    return out;
                }
                consumer.seek(partition, start.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
            while (consumer.position(partition, remaining(deadlineNanos)) < end && out.size() < limit) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new org.apache.kafka.common.errors.TimeoutException(
                            "journal scan of lane " + lane + " did not finish in time");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (out.size() >= limit) {
                        break;
                    }
                    if (key != null && !Arrays.equals(key, record.key())) {
                        continue;
                    }
                    JournalEvent event = decode(record.value());
                    if (event != null && match.test(event)) {
                        out.add(new JournalTail.Found(event, record.offset()));
                    }
                }
            }
        }
        return out;
    }

    private JournalEvent decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return codec.decode(value);
        } catch (MalformedRecordException e) {
            return null;
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000L, deadlineNanos - System.nanoTime()));
    }
}
