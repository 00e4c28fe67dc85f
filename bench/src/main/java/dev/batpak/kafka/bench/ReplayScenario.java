package dev.batpak.kafka.bench;

import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Replay: read a store's whole journal from the beginning into a trivial projection, against a
 * raw consumer reading the very same topic bytes. Both sides use the same consumer (read_committed,
 * Kafka's default fetch settings, no group) and stop at the end offsets taken before the pass.
 *
 * <p>The batpak side decodes every record ({@code Codecs.JOURNAL_EVENT}), maps it to the
 * adapter's model ({@code StoredEvent}, what the adapter's read path hands out) and folds it into
 * a counter per entity. The raw side folds the record bytes into a counter per key. A third,
 * informational pass decodes without mapping, to split the cost.
 */
final class ReplayScenario {

    /** A fold over one journal record; returns a value the pass keeps so nothing is optimised away. */
    @FunctionalInterface
    private interface Fold {
        long apply(ConsumerRecord<byte[], byte[]> record);
    }

    private ReplayScenario() {
    }

    /** Replays {@code journalTopic} (all {@code lanes} partitions) on both sides; {@code profiler} records it all. */
    static Comparison run(BenchSettings settings, String bootstrap, String journalTopic, Profiler profiler)
            throws IOException {
        double load = Progress.load();
        String title = "replay journal -> projection";
        Progress.say("%s (load %.1f)", title, load);
        Map<String, Long> perEntity = new HashMap<>();
        Map<Integer, Long> perKeyHash = new HashMap<>();
        Fold raw = record -> {
            perKeyHash.merge(record.key() == null ? 0 : Arrays.hashCode(record.key()), 1L, Long::sum);
            return record.value().length;
        };
        Fold decodeOnly = record -> Codecs.JOURNAL_EVENT.decode(record.value()).getClock();
        Fold batpak = record -> {
            JournalEvent decoded = Codecs.JOURNAL_EVENT.decode(record.value());
            StoredEvent event = JournalMapping.toStoredEvent(decoded, record.offset());
            perEntity.merge(event.coordinate().entity(), 1L, Long::sum);
            return event.payload().size();
        };
        // warm-up: one untimed pass of each, which also brings the segments into the page cache
        pass(bootstrap, journalTopic, settings.lanes(), raw);
        pass(bootstrap, journalTopic, settings.lanes(), decodeOnly);
        pass(bootstrap, journalTopic, settings.lanes(), batpak);
        Recording profile = profiler.start("replay");
        List<long[]> rawPasses = new ArrayList<>();
        List<long[]> decodePasses = new ArrayList<>();
        List<long[]> batpakPasses = new ArrayList<>();
        for (int i = 0; i < settings.replayRepeats(); i++) {
            rawPasses.add(pass(bootstrap, journalTopic, settings.lanes(), raw));
            decodePasses.add(pass(bootstrap, journalTopic, settings.lanes(), decodeOnly));
            batpakPasses.add(pass(bootstrap, journalTopic, settings.lanes(), batpak));
        }
        Profiler.stop(profile);
        Side rawSide = median(rawPasses);
        Side decodeSide = median(decodePasses);
        Side batpakSide = median(batpakPasses).with("decodeOnlyRecordsPerSec", decodeSide.recordsPerSecond());
        Comparison c = new Comparison("replay", Comparison.Kind.THROUGHPUT, title,
                "the same journal topic (" + rawSide.records() + " events) read from the beginning with the same"
                        + " read_committed consumer settings; raw folds the record bytes into a counter per key,"
                        + " batpak decodes each JournalEvent, maps it to a StoredEvent and folds a counter per"
                        + " entity; median of " + settings.replayRepeats() + " passes after one warm-up pass",
                rawSide, batpakSide, new Target("replay at 0.7x the raw consumer or better",
                        Target.Kind.RATIO_AT_LEAST, 0.7), load);
        Progress.done(c);
        return c;
    }

    /** How long one pass may take before the bench gives up on it. */
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(2);

    /** One pass from the beginning to the end offsets; returns {records, nanos, jvm cpu nanos, broker cpu nanos}. */
    private static long[] pass(String bootstrap, String topic, int partitions, Fold fold) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Workload.consumerConfig(bootstrap, "bench-replay"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            consumer.seekToBeginning(all);
            for (TopicPartition partition : all) {
                consumer.position(partition);
            }
            long records = 0;
            long sink = 0;
            Cpu.Reading cpuBefore = Cpu.now();
            long started = System.nanoTime();
            long deadline = started + PASS_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("a replay pass of " + topic + " did not reach the end offsets "
                            + end + " within " + PASS_TIMEOUT + " (" + records + " records read)");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    sink += fold.apply(record);
                    records++;
                }
            }
            long elapsed = System.nanoTime() - started;
            Cpu.Reading cpuAfter = Cpu.now();
            if (sink == Long.MIN_VALUE) {
                System.err.println("bench: unreachable sink value");
            }
            return new long[] {records, elapsed, cpuAfter.jvmNanos() - cpuBefore.jvmNanos(),
                    cpuAfter.brokerNanos() - cpuBefore.brokerNanos()};
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Side median(List<long[]> passes) {
        List<long[]> sorted = new ArrayList<>(passes);
        sorted.sort((a, b) -> Double.compare(b[0] / (double) b[1], a[0] / (double) a[1]));
        long[] mid = sorted.get(sorted.size() / 2);
        List<Double> each = new ArrayList<>();
        for (long[] p : passes) {
            each.add(p[0] * 1e9 / p[1]);
        }
        return Side.of(mid[0], mid[1], Latencies.NONE, 0)
                .withCpu(new Cpu.Reading(0, -1, 0), new Cpu.Reading(mid[2], -1, mid[3]))
                .with("passes", passes.size())
                .with("passRecordsPerSec", each);
    }
}
