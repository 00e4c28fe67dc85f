package dev.batpak.kafka.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an operation from a fixed number of callers, each starting the next operation as soon as
 * the last one returned (a closed loop: how fast can N synchronous callers go). The first
 * {@code warmup} is run but not counted; then every operation that starts inside the measured
 * window is counted, with its own latency.
 */
final class ClosedLoop {

    /** How many consecutive failures end a run: a broken broker must not spin for minutes. */
    private static final long MAX_ERRORS = 1_000;

    /** One operation; returns how many records it completed (1, or a batch's size). */
    @FunctionalInterface
    interface Op {
        /** Runs operation number {@code seq} (unique across callers). */
        int run(long seq) throws Exception;
    }

    private ClosedLoop() {
    }

    /** Runs {@code op} from {@code callers} threads for {@code warmup} then {@code measure}. */
    static Side run(String name, int callers, Duration warmup, Duration measure, Op op) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        long[][] latencies = new long[callers][];
        int[] counts = new int[callers];
        long[] records = new long[callers];
        long[] lastDone = new long[callers];
        List<Thread> threads = new ArrayList<>(callers);
        for (int t = 0; t < callers; t++) {
            int caller = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1024];
                int n = 0;
                long done = 0;
                long moved = 0;
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long measureStart = window[0];
                long end = window[1];
                while (errors.get() < MAX_ERRORS) {
                    long started = System.nanoTime();
                    if (started >= end) {
                        break;
                    }
                    int completed;
                    try {
                        completed = op.run(seq.getAndIncrement());
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                        continue;
                    }
                    long finished = System.nanoTime();
                    if (started >= measureStart) {
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = finished - started;
                        moved += completed;
                        done = finished;
                    }
                }
                latencies[caller] = mine;
                counts[caller] = n;
                records[caller] = moved;
                lastDone[caller] = done;
            }, name + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        long now = System.nanoTime();
        window[0] = now + warmup.toNanos();
        window[1] = window[0] + measure.toNanos();
        go.countDown();
        // read the CPU counters when the measured window opens and when every caller is done
        long untilWindow = window[0] - System.nanoTime();
        if (untilWindow > 0) {
            Thread.sleep(untilWindow / 1_000_000, (int) (untilWindow % 1_000_000));
        }
        Cpu.Reading cpuBefore = Cpu.now();
        for (Thread thread : threads) {
            thread.join();
        }
        Cpu.Reading cpuAfter = Cpu.now();
        long total = 0;
        long last = window[0];
        int samples = 0;
        for (int t = 0; t < callers; t++) {
            total += records[t];
            last = Math.max(last, lastDone[t]);
            samples += counts[t];
        }
        long[] all = new long[samples];
        int at = 0;
        for (int t = 0; t < callers; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        if (firstError.get() != null) {
            System.err.printf("bench: %s: %d operations failed, the first with: %s%n", name, errors.get(),
                    firstError.get());
        }
        return Side.of(total, last - window[0], Latencies.of(all), errors.get()).withCpu(cpuBefore, cpuAfter);
    }
}
