package dev.batpak.kafka.bench;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import jdk.jfr.Recording;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Appends to visible: a raw produce -> read_committed consume, end to end, against
 * {@code append} -> sequencer -> {@code waitFor(VISIBLE)}. Two measurements:
 *
 * <ul>
 *   <li>throughput, pipelined: N events appended by many threads (each a synchronous call, so
 *       that many are in flight), then wait until the last is visible; raw: the same threads
 *       send, and a consumer positioned at the end counts until all N have arrived;</li>
 *   <li>latency at a fixed offered rate, open loop: each event is due at its slot of the
 *       schedule and its latency runs from that slot until it is visible (batpak: until
 *       {@code waitFor(VISIBLE)} returns in the caller; raw: until the consumer polls it).</li>
 * </ul>
 */
final class VisibleScenarios {

    /** The raw topic: as many partitions as the store has lanes. */
    static final String RAW_TOPIC = "bench-raw-visible";
    /** The batpak store the sequencer runs for. */
    static final String STORE = "bench-visible";

    private static final String PAIRING = "same broker, payload bytes and keys; raw: idempotent producer with"
            + " EventStore's settings, then a read_committed consumer (no group, positioned at the end, Kafka's"
            + " default fetch settings, as batpak's journal reader); batpak: EventStore.append, the sequencer"
            + " (Kafka Streams, exactly_once_v2, default 20 ms commit interval, signed receipts), waitFor(VISIBLE)";

    private VisibleScenarios() {
    }

    /** Pipelined throughput, both sides; the batpak side's measured run is recorded by {@code profiler}. */
    static Comparison throughput(BenchSettings settings, String bootstrap, Workload workload, EventStore store,
            Profiler profiler) throws Exception {
        double load = Progress.load();
        String title = "append -> visible, pipelined (" + settings.visibleCallers() + " callers)";
        Progress.say("%s (load %.1f)", title, load);
        int warmEvents = Math.max(500, settings.visibleEvents() / 10);
        Side raw;
        try (KafkaProducer<byte[], byte[]> producer = rawProducer(bootstrap)) {
            rawThroughput(settings, bootstrap, workload, producer, warmEvents);
            raw = rawThroughput(settings, bootstrap, workload, producer, settings.visibleEvents());
        }
        batpakThroughput(settings, workload, store, warmEvents);
        Recording profile = profiler.start(null);
        Side batpak;
        try {
            batpak = batpakThroughput(settings, workload, store, settings.visibleEvents());
        } finally {
            Profiler.stop(profile);
        }
        Comparison c = new Comparison("visible-throughput", Comparison.Kind.THROUGHPUT, title,
                PAIRING + "; " + settings.visibleEvents() + " events from " + settings.visibleCallers()
                        + " threads, timed from the first send until the last is visible", raw, batpak,
                new Target("visible throughput at 0.5x raw produce->consume or better", Target.Kind.RATIO_AT_LEAST,
                        0.5), load);
        Progress.done(c);
        return c;
    }

    /** Latency at the offered rate (5,000/s by default), both sides, checked against the target. */
    static Comparison latency(BenchSettings settings, String bootstrap, Workload workload, EventStore store)
            throws Exception {
        return latency(settings, bootstrap, workload, store, "visible-latency", settings.rate(),
                settings.latencyDuration(), new Target("p99 append->visible at or below 100 ms at 5,000 events/s",
                        Target.Kind.BATPAK_P99_AT_MOST_MS, 100));
    }

    /**
     * Latency at a low rate both sides sustain, without a target: the floor of append-to-visible
     * latency (commit interval, frontier publication, reads), for diagnosis.
     */
    static Comparison lowRateLatency(BenchSettings settings, String bootstrap, Workload workload, EventStore store)
            throws Exception {
        return latency(settings, bootstrap, workload, store, "visible-latency-low-rate", settings.lowRate(),
                settings.lowRateDuration(), null);
    }

    private static Comparison latency(BenchSettings settings, String bootstrap, Workload workload, EventStore store,
            String id, int rate, Duration duration, Target target) throws Exception {
        double load = Progress.load();
        String title = "append -> visible latency at " + rate + "/s";
        Progress.say("%s (load %.1f)", title, load);
        Side raw;
        try (KafkaProducer<byte[], byte[]> producer = rawProducer(bootstrap)) {
            rawLatency(settings, bootstrap, workload, producer, rate, settings.latencyWarmup());
            raw = rawLatency(settings, bootstrap, workload, producer, rate, duration);
        }
        batpakLatency(settings, workload, store, rate, settings.latencyWarmup());
        Side batpak = batpakLatency(settings, workload, store, rate, duration);
        Comparison c = new Comparison(id, Comparison.Kind.LATENCY, title,
                PAIRING + "; open loop at " + rate + " events/s for " + duration.toMillis() / 1000.0 + " s from "
                        + settings.latencyWorkers() + " worker threads, latency measured from each event's scheduled"
                        + " send time", raw, batpak, target, load);
        Progress.done(c);
        return c;
    }

    private static KafkaProducer<byte[], byte[]> rawProducer(String bootstrap) {
        return new KafkaProducer<>(Workload.producerConfig(bootstrap, "bench-raw-visible", null),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Side rawThroughput(BenchSettings settings, String bootstrap, Workload workload,
            KafkaProducer<byte[], byte[]> producer, int events) throws Exception {
        try (RawTail tail = new RawTail(bootstrap, RAW_TOPIC, settings.lanes(), (value, at) -> { }).start()) {
            AtomicLong next = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            Cpu.Reading cpuBefore = Cpu.now();
            long start = System.nanoTime();
            runThreads("raw-visible", settings.visibleCallers(), () -> {
                long i;
                while ((i = next.getAndIncrement()) < events) {
                    int e = workload.pick();
                    try {
                        producer.send(new ProducerRecord<>(RAW_TOPIC, workload.key(e), Workload.payload(i))).get();
                    } catch (Exception ex) {
                        errors.incrementAndGet();
                    }
                }
            });
            long sent = System.nanoTime();
            long last = tail.awaitCount(events - errors.get(), settings.waitTimeout());
            if (last < 0) {
                throw new IllegalStateException("the raw consumer saw " + tail.count() + " of " + events
                        + " records within " + settings.waitTimeout());
            }
            return Side.of(events - errors.get(), last - start, Latencies.NONE, errors.get())
                    .withCpu(cpuBefore, Cpu.now())
                    .with("sendPhaseSeconds", (sent - start) / 1e9)
                    .with("sendPhaseRecordsPerSec", events * 1e9 / (sent - start));
        }
    }

    private static Side batpakThroughput(BenchSettings settings, Workload workload, EventStore store, int events)
            throws Exception {
        AtomicReferenceArray<AppendReceipt> last = new AtomicReferenceArray<>(settings.lanes());
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Cpu.Reading cpuBefore = Cpu.now();
        long start = System.nanoTime();
        runThreads("batpak-visible", settings.visibleCallers(), () -> {
            long i;
            while ((i = next.getAndIncrement()) < events) {
                int e = workload.pick();
                try {
                    AppendReceipt r = store.append(workload.coordinate(e), Workload.KIND,
                            Payload.raw(Workload.payload(i)));
                    last.accumulateAndGet(r.lane(), r, (a, b) -> a == null
                            || b.proposalOffset() > a.proposalOffset() ? b : a);
                } catch (RuntimeException ex) {
                    errors.incrementAndGet();
                }
            }
        });
        long appended = System.nanoTime();
        long denied = 0;
        for (int lane = 0; lane < settings.lanes(); lane++) {
            AppendReceipt r = last.get(lane);
            // visible is a prefix per lane: the lane's last receipt visible means all of the lane's are
            if (r != null && !(store.waitFor(r, Stage.VISIBLE, settings.waitTimeout()) instanceof Outcome.Committed)) {
                denied++;
            }
        }
        long end = System.nanoTime();
        return Side.of(events - errors.get(), end - start, Latencies.NONE, errors.get() + denied)
                .withCpu(cpuBefore, Cpu.now())
                .with("appendPhaseSeconds", (appended - start) / 1e9)
                .with("appendPhaseRecordsPerSec", events * 1e9 / (appended - start))
                .with("drainAfterAppendsSeconds", (end - appended) / 1e9);
    }

    private static Side rawLatency(BenchSettings settings, String bootstrap, Workload workload,
            KafkaProducer<byte[], byte[]> producer, int rate, Duration duration) throws Exception {
        int events = OpenLoop.events(rate, duration);
        long[] arrived = new long[events];
        java.util.Arrays.fill(arrived, -1);
        try (RawTail tail = new RawTail(bootstrap, RAW_TOPIC, settings.lanes(), (value, at) -> {
            long seq = Workload.seqOf(value);
            if (seq >= 0 && seq < events && arrived[(int) seq] < 0) {
                arrived[(int) seq] = at;
            }
        }).start()) {
            Cpu.Reading cpuBefore = Cpu.now();
            OpenLoop.Schedule run = OpenLoop.run("raw-latency", rate, duration,
                    settings.maxScheduleLag(), settings.latencyWorkers(),
                    (index, due) -> {
                        int e = workload.pick();
                        producer.send(new ProducerRecord<>(RAW_TOPIC, workload.key(e), Workload.payload(index))).get();
                    });
            if (tail.awaitCount(run.sent() - run.errors(), settings.waitTimeout()) < 0) {
                throw new IllegalStateException("the raw consumer saw " + tail.count() + " of " + events
                        + " records within " + settings.waitTimeout());
            }
            // awaitCount synchronises with the reader thread, so every arrival written so far is seen
            long[] latency = new long[events];
            for (int i = 0; i < events; i++) {
                latency[i] = arrived[i] < 0 ? -1 : arrived[i] - run.due(i);
            }
            return latencySide(run, latency).withCpu(cpuBefore, Cpu.now());
        }
    }

    private static Side batpakLatency(BenchSettings settings, Workload workload, EventStore store, int rate,
            Duration duration) throws Exception {
        int events = OpenLoop.events(rate, duration);
        long[] latency = new long[events];
        java.util.Arrays.fill(latency, -1);
        AtomicLong denied = new AtomicLong();
        Cpu.Reading cpuBefore = Cpu.now();
        OpenLoop.Schedule run = OpenLoop.run("batpak-latency", rate, duration,
                    settings.maxScheduleLag(), settings.latencyWorkers(),
                (index, due) -> {
                    int e = workload.pick();
                    AppendReceipt r = store.append(workload.coordinate(e), Workload.KIND,
                            Payload.raw(Workload.payload(index)));
                    Outcome outcome = store.waitFor(r, Stage.VISIBLE, settings.waitTimeout());
                    latency[index] = System.nanoTime() - due;
                    if (!(outcome instanceof Outcome.Committed)) {
                        denied.incrementAndGet();
                    }
                });
        Side side = latencySide(run, latency).withCpu(cpuBefore, Cpu.now());
        return denied.get() == 0 ? side
                : new Side(side.records(), side.elapsedNanos(), side.latencies(), side.errors() + denied.get(),
                        side.extra());
    }

    private static Side latencySide(OpenLoop.Schedule run, long[] latency) {
        Latencies measured = Latencies.of(latency);
        Latencies lag = run.lag();
        return Side.of(measured.samples(), run.finishedNanos() - run.startNanos(), measured, run.errors())
                .with("offeredRatePerSec", 1e9 / run.periodNanos())
                .with("achievedRatePerSec", run.achievedRate())
                .with("scheduledEvents", run.events())
                .with("sentEvents", run.sent())
                .with("cutBehindSchedule", run.cut())
                .with("sendLagP99Ms", lag.quantileMillis(0.99))
                .with("sendLagMaxMs", lag.maxMillis());
    }

    private static void runThreads(String name, int count, Runnable body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            Thread thread = new Thread(body, name + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
