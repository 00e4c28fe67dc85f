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
 * <p>Point reads use the UUIDv7 timestamp in an event id as a hint: events are sealed after they
 * are proposed, so a minted id's journal record is not before the id's time minus the clock skew
 * allowance, and the scan starts there. The hint is only a starting point: an id that merely looks
 * like a UUIDv7 (an idempotency key is 128 hash bits, and one in sixteen has version bits 7) may
 * carry any "timestamp", so a lane whose hinted stretch does not hold the event is then read from
 * its beginning up to where the hinted stretch began. The indexed path (the streams app's event
 * index) replaces these scans for large journals.
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
        long hint = eventId != null && eventId.value().version() == 7
                ? eventId.timestampMillis() - SKEW_ALLOWANCE.toMillis() : -1;
        for (int lane = 0; lane < lanes; lane++) {
            Optional<JournalTail.Found> found = findInLane(lane, hint, match, deadline);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<JournalTail.Found> findInLane(int lane, long hintTimestamp, Predicate<JournalEvent> match,
            long deadlineNanos) {
        TopicPartition partition = new TopicPartition(topics.journal(), lane);
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), remaining(deadlineNanos)).get(partition);
            long hinted = end;
            if (hintTimestamp > 0) {
                OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(partition, hintTimestamp),
                        remaining(deadlineNanos)).get(partition);
                hinted = start == null ? end : start.offset();
            }
            List<JournalTail.Found> found = read(consumer, partition, hinted, end, null, match, 1, deadlineNanos);
            if (found.isEmpty() && hinted > 0) {
                consumer.seekToBeginning(List.of(partition));
                long beginning = consumer.position(partition, remaining(deadlineNanos));
                found = read(consumer, partition, beginning, hinted, null, match, 1, deadlineNanos);
            }
            return found.stream().findFirst();
        }
    }

    /**
     * The records of one lane whose key is {@code entity} and that match {@code match}, in journal
     * order, at most {@code limit}.
     */
    public List<JournalTail.Found> scanLane(int lane, String entity, Predicate<JournalEvent> match, int limit,
            long deadlineNanos) {
        byte[] key = entity.getBytes(StandardCharsets.UTF_8);
        TopicPartition partition = new TopicPartition(topics.journal(), lane);
        try (KafkaConsumer<byte[], byte[]> consumer = newConsumer()) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), remaining(deadlineNanos)).get(partition);
            consumer.seekToBeginning(List.of(partition));
            long beginning = consumer.position(partition, remaining(deadlineNanos));
            return read(consumer, partition, beginning, end, key, match, limit, deadlineNanos);
        }
    }

    /** The matching records with offsets in {@code [from, to)}, at most {@code limit}. */
    private List<JournalTail.Found> read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from,
            long to, byte[] key, Predicate<JournalEvent> match, int limit, long deadlineNanos) {
        List<JournalTail.Found> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        consumer.seek(partition, from);
        while (consumer.position(partition, remaining(deadlineNanos)) < to && out.size() < limit) {
            if (System.nanoTime() > deadlineNanos) {
                throw new org.apache.kafka.common.errors.TimeoutException(
                        "journal scan of lane " + partition.partition() + " did not finish in time");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (out.size() >= limit || record.offset() >= to) {
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
        return out;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
