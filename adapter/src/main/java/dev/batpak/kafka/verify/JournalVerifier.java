package dev.batpak.kafka.verify;

import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Re-reads a store's whole journal and checks every {@code (entity, lane)} stream: clocks dense
 * from 0 without gaps, duplicates or reordering; every prev hash the event hash of the event
 * before it (the genesis hash at clock 0); every content and event hash recomputing
 * ({@code docs/hashing.md}); every event in the partition its lane names; event ids unique
 * across the journal; and signatures, verified when keys are given ({@code docs/receipts.md}).
 * What {@code batpak verify} runs; {@code docs/verify.md} lists the finding codes.
 *
 * <pre>{@code
 * VerificationReport report = JournalVerifier.of(VerifyingKeys.of(VerifyingKey.load(pub)))
 *         .verifyStore(bootstrap, "orders", Duration.ofMinutes(5));
 * System.out.print(report.summary());
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>Why a separate full read instead of trusting the sequencer's own checks: the sequencer
 * checks what it writes, when it writes it. The journal can change afterwards (a broker disk, an
 * operator tool, a second sequencer that should not have run), and only a read of what is stored
 * now shows that. A finding is a report, not an error: verification continues past it, so one run
 * lists every problem.
 *
 * <p>{@link #verify(Iterable)} is the same check over records given directly, with no broker: for
 * tests, and for journals exported elsewhere. Instances are immutable and thread-safe; each
 * verification is independent.
 */
public final class JournalVerifier {

    /** How many findings a report keeps by default; all are counted regardless. */
    public static final int DEFAULT_MAX_FINDINGS = 10_000;

    /** The Kafka {@code client.id} used unless the given configuration names one. */
    public static final String CLIENT_ID = "batpak-verify";

    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final VerifyingKeys keys;
    private final int maxFindings;

    private JournalVerifier(VerifyingKeys keys, int maxFindings) {
        this.keys = keys;
        this.maxFindings = maxFindings;
    }

    /**
     * A verifier that trusts {@code keys}. With keys, every event must carry a signature that
     * verifies under one of them; with {@link VerifyingKeys#none()}, signatures are only checked
     * to be well formed and unsigned events are accepted.
     */
    public static JournalVerifier of(VerifyingKeys keys) {
        return new JournalVerifier(Objects.requireNonNull(keys, "keys"), DEFAULT_MAX_FINDINGS);
    }

    /** A verifier with no keys: see {@link #of(VerifyingKeys)}. */
    public static JournalVerifier withoutKeys() {
        return of(VerifyingKeys.none());
    }

    /**
     * A copy that keeps at most {@code maxFindings} findings in its reports (all are still
     * counted). Findings are kept in the order they are found, which is journal order except for
     * those about out-of-order streams, found at the end.
     *
     * @throws IllegalArgumentException if {@code maxFindings} is negative
     */
    public JournalVerifier withMaxFindings(int maxFindings) {
        if (maxFindings < 0) {
            throw new IllegalArgumentException("maxFindings must be >= 0, got " + maxFindings);
        }
        return new JournalVerifier(keys, maxFindings);
    }

    /** The keys signatures are verified with (empty: signatures are only checked to be well formed). */
    public VerifyingKeys keys() {
        return keys;
    }

    /** The most findings a report keeps. */
    public int maxFindings() {
        return maxFindings;
    }

    /**
     * Verifies journal records given directly, with no broker. Records of one partition must come
     * in increasing offset order, as a consumer reads them (offsets need not be dense: transaction
     * markers take offsets too); records of different partitions may interleave, and when an event
     * id appears twice, the record seen first is the original. The report's {@code lanes} is the
     * number of distinct partitions among the records and its {@code store} is null.
     *
     * @throws IllegalArgumentException if a partition's offsets do not increase
     */
    public VerificationReport verify(Iterable<? extends JournalRecord> records) {
        Objects.requireNonNull(records, "records");
        ChainWalk walk = new ChainWalk(keys, maxFindings, Codecs.JOURNAL_EVENT);
        for (JournalRecord record : records) {
            walk.accept(Objects.requireNonNull(record, "record"));
        }
        return walk.finish(null, -1);
    }

    /**
     * Verifies the journal of {@code store} on the cluster at {@code bootstrapServers}: see
     * {@link #verifyStore(Map, String, Duration)}.
     */
    public VerificationReport verifyStore(String bootstrapServers, String store, Duration timeout) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        return verifyStore(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), store, timeout);
    }

    /**
     * Reads {@code <store>.journal} from the beginning of every partition to the end offsets
     * taken when the read starts, {@code read_committed} (events of transactions still open then
     * are not part of this verification), one partition after another, and verifies it.
     *
     * @param kafkaConfig consumer settings: at least {@code bootstrap.servers}, plus whatever the
     *     cluster needs (security). Isolation level, auto-commit and group are set here: the read
     *     uses no consumer group and commits nothing.
     * @param store the store name
     * @param timeout the bound on the whole read
     * @throws JournalVerificationException {@code JOURNAL_NOT_FOUND} if the journal topic does not
     *     exist, {@code VERIFY_TIMEOUT} if the read did not finish within {@code timeout}
     * @throws dev.batpak.kafka.store.StoreConfigException if the store name is invalid
     * @throws org.apache.kafka.common.KafkaException if Kafka refuses the read (authorization,
     *     a corrupt log segment)
     */
    public VerificationReport verifyStore(Map<String, ?> kafkaConfig, String store, Duration timeout) {
        Objects.requireNonNull(kafkaConfig, "kafkaConfig");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        String topic = StoreTopics.of(store).journal();
        long deadline = System.nanoTime() + timeout.toNanos();
        Progress progress = new Progress(topic, timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(kafkaConfig),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, remaining(deadline, progress));
            if (partitions == null || partitions.isEmpty()) {
                throw new JournalVerificationException(JournalVerificationException.Reason.JOURNAL_NOT_FOUND,
                        "store '" + store + "' has no journal topic " + topic + " on " + kafkaConfig.get(
                                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                                + ": check --store and --bootstrap (`batpak topics verify` checks a store's topics)");
            }
            List<TopicPartition> lanes = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(lanes, remaining(deadline, progress));
            Map<TopicPartition, Long> end = consumer.endOffsets(lanes, remaining(deadline, progress));
            // With schema.registry.url in the configuration, registry-framed records decode too.
            ChainWalk walk = new ChainWalk(keys, maxFindings, RecordCodecs.create(kafkaConfig, store).journalEvent());
            for (TopicPartition lane : lanes) {
                readLane(consumer, lane, begin.get(lane), end.get(lane), walk, deadline, progress);
            }
            return walk.finish(store, lanes.size());
        } catch (TimeoutException e) {
            throw progress.timedOut(e);
        }
    }

    /** Feeds one partition, from {@code first} to {@code end} (exclusive), to the walk. */
    private static void readLane(KafkaConsumer<byte[], byte[]> consumer, TopicPartition lane, long first, long end,
            ChainWalk walk, long deadline, Progress progress) {
        progress.lane = lane.partition();
        progress.position = first;
        progress.end = end;
        if (first > 0) {
            walk.laneTruncated(lane.partition(), first);
        }
        if (first >= end) {
            return;
        }
        consumer.assign(List.of(lane));
        consumer.seek(lane, first);
        long position = first;
        while (position < end) {
            Duration left = remaining(deadline, progress);
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(left.compareTo(MAX_POLL) < 0 ? left : MAX_POLL);
            for (ConsumerRecord<byte[], byte[]> record : batch.records(lane)) {
                if (record.offset() >= end) {
                    break;
                }
                walk.accept(JournalRecord.of(record));
            }
            position = consumer.position(lane, remaining(deadline, progress));
            progress.position = position;
        }
    }

    private static Map<String, Object> consumerConfig(Map<String, ?> kafkaConfig) {
        if (kafkaConfig.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("kafkaConfig must name " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        }
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        // Only committed events are the journal; aborted sequencer transactions never happened.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return config;
    }

    private static Duration remaining(long deadline, Progress progress) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw progress.timedOut(null);
        }
        return Duration.ofNanos(left);
    }

    /** How far the read got, for the timeout message. */
    private static final class Progress {
        private final String topic;
        private final Duration timeout;
        private int lane = -1;
        private long position;
        private long end;

        Progress(String topic, Duration timeout) {
            this.topic = topic;
            this.timeout = timeout;
        }

        JournalVerificationException timedOut(Throwable cause) {
            String where = lane < 0
                    ? "before any record of " + topic + " was read (is the broker reachable?)"
                    : "at " + topic + " partition " + lane + " offset " + position + " of " + end;
            return new JournalVerificationException(JournalVerificationException.Reason.TIMED_OUT,
                    "the journal was not read to its end within " + timeout + ": stopped " + where
                            + "; no report, since the unread part is unchecked. Run again with a longer --timeout", cause);
        }
    }
}
