package dev.batpak.kafka.bench;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import jdk.jfr.Recording;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends to durable: a synchronous {@code send().get()} of a raw idempotent producer with
 * EventStore's settings, against {@code EventStore.append}, which returns at the same point
 * (the broker's ack under acks=all). One caller, 8 and 64 concurrent callers sharing one
 * producer / one store, and atomic batches (raw: one producer transaction; batpak:
 * {@code appendBatch}). Each pair runs in the order raw, batpak, batpak, raw, each half the
 * measured window, after one warm-up of every path that also warms the broker's JIT.
 *
 * <p>No sequencer runs for this store: the scenarios measure the append path, and on two shared
 * cores a sequencer chewing through the proposals would tax the batpak side only.
 */
final class DurableScenarios {

    /** The raw topic: as many partitions as the store has lanes. */
    static final String RAW_TOPIC = "bench-raw-durable";
    /** The batpak store (topics {@code bench-durable.*}). */
    static final String STORE = "bench-durable";

    private static final String PAIRING = "same broker, same payload bytes (" + Workload.PAYLOAD_BYTES
            + " B) keyed by the same entities; raw producer with EventStore's settings (acks=all, idempotence,"
            + " linger.ms=0, 5 in flight) shared by all callers, like the store's one producer";

    private DurableScenarios() {
    }

    /** Runs every durable scenario and returns the comparisons. */
    static List<Comparison> run(BenchSettings settings, String bootstrap, Workload workload, EventStore store,
            Profiler profiler) throws Exception {
        List<Comparison> results = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Workload.producerConfig(bootstrap, "bench-raw-append", null), new ByteArraySerializer(),
                new ByteArraySerializer());
                KafkaProducer<byte[], byte[]> transactional = new KafkaProducer<>(
                        Workload.producerConfig(bootstrap, "bench-raw-batch", "bench-raw-batch"),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            transactional.initTransactions();
            ClosedLoop.Op rawOne = seq -> {
                int e = workload.pick();
                producer.send(new ProducerRecord<>(RAW_TOPIC, workload.key(e), Workload.payload(seq))).get();
                return 1;
            };
            ClosedLoop.Op batpakOne = seq -> {
                int e = workload.pick();
                store.append(workload.coordinate(e), Workload.KIND, Payload.raw(Workload.payload(seq)));
                return 1;
            };
            int size = settings.batchSize();
            ClosedLoop.Op rawBatch = seq -> {
                transactional.beginTransaction();
                List<Future<RecordMetadata>> acks = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    int e = workload.pick();
                    acks.add(transactional.send(new ProducerRecord<>(RAW_TOPIC, workload.key(e),
                            Workload.payload(seq * size + i))));
                }
                transactional.commitTransaction();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
                return size;
            };
            ClosedLoop.Op batpakBatch = seq -> {
                List<BatchItem> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    int e = workload.pick();
                    items.add(BatchItem.of(workload.coordinate(e), Workload.KIND,
                            Payload.raw(Workload.payload(seq * size + i))));
                }
                store.appendBatch(items, AppendOptions.none());
                return size;
            };
            // One unmeasured pass over every code path first: whichever side runs first in a pair
            // would otherwise pay the JIT compilation of the Kafka client code both sides share.
            // The broker is a fresh JVM too: it needs tens of seconds of traffic before its own JIT settles.
            Progress.say("warming up both append paths and the broker");
            ClosedLoop.run("warm-raw", 8, Duration.ZERO, settings.warmup().multipliedBy(2), rawOne);
            ClosedLoop.run("warm-batpak", 8, Duration.ZERO, settings.warmup().multipliedBy(2), batpakOne);
            ClosedLoop.run("warm-raw-batch", 1, Duration.ZERO, settings.warmup(), rawBatch);
            ClosedLoop.run("warm-batpak-batch", 1, Duration.ZERO, settings.warmup(), batpakBatch);
            for (int callers : new int[] {1, 8, 64}) {
                Target target = callers == 64 ? new Target("pipelined appends at 0.8x the raw producer or better",
                        Target.Kind.RATIO_AT_LEAST, 0.8) : null;
                results.add(pair(settings, "durable-" + callers, "append -> durable, " + callers
                        + (callers == 1 ? " caller" : " callers"), PAIRING + "; " + callers
                        + " thread(s), each a synchronous call at a time", callers, rawOne, batpakOne, target,
                        callers == 64 ? profiler : Profiler.NONE));
            }
            results.add(pair(settings, "durable-batch-" + size, "atomic batches of " + size + " -> durable",
                    PAIRING + "; raw: " + size + " records in one producer transaction (transactional.id, same"
                            + " settings), batpak: appendBatch of " + size + " items; one caller",
                    1, rawBatch, batpakBatch, null, Profiler.NONE));
        }
        return results;
    }

    private static Comparison pair(BenchSettings settings, String id, String title, String pairing, int callers,
            ClosedLoop.Op raw, ClosedLoop.Op batpak, Target target, Profiler profiler) throws Exception {
        double load = Progress.load();
        Progress.say("%s (load %.1f)", title, load);
        // raw, batpak, batpak, raw (each half the window, each after its own warm-up): a drift of the
        // machine's load during the pair is charged to both sides alike instead of to the second one
        Duration half = settings.measure().dividedBy(2);
        Side rawFirst = ClosedLoop.run("raw-" + id, callers, settings.warmup(), half, raw);
        Recording profile = profiler.start("append");
        Side batpakSide;
        try {
            batpakSide = ClosedLoop.run("batpak-" + id, callers, settings.warmup(), half, batpak)
                    .plus(ClosedLoop.run("batpak-" + id, callers, settings.warmup(), half, batpak));
        } finally {
            Profiler.stop(profile);
        }
        Side rawSide = rawFirst.plus(ClosedLoop.run("raw-" + id, callers, settings.warmup(), half, raw));
        Comparison comparison = new Comparison(id, Comparison.Kind.THROUGHPUT, title, pairing, rawSide, batpakSide,
                target, load);
        Progress.done(comparison);
        return comparison;
    }
}
