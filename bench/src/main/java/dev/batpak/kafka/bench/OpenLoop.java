package dev.batpak.kafka.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: event {@code i} is due at {@code start + i / rate}, whatever
 * happened to earlier events. A pool of workers takes the next event, sleeps until its due time
 * and runs it. Latency is measured from the due time, not from when a worker got to it, so a
 * stall that delays later sends shows up in their latency instead of being hidden (coordinated
 * omission). The lag between due time and actual start is kept too.
 *
 * <p>When the system cannot sustain the rate, the lag grows without bound; once an event would
 * start more than {@code maxLag} after its due time the run is cut: the remaining events are not
 * sent and the schedule says so ({@link Schedule#cut()}). Latencies of a cut run cover only the
 * events sent, so they are a lower bound, and the achieved rate tells what the system sustained.
 */
final class OpenLoop {

    /** How many failures end a run. */
    private static final long MAX_ERRORS = 1_000;

    /** One scheduled event. */
    @FunctionalInterface
    interface Op {
        /** Runs event {@code index}, due at {@code dueNanos} on the {@link System#nanoTime()} clock. */
        void run(int index, long dueNanos) throws Exception;
    }

    /**
     * What a run did.
     *
     * @param startNanos the due time of event 0
     * @param periodNanos the time between due times
     * @param events the number of events scheduled
     * @param sendLag per event, actual start minus due time (-1 for events never run)
     * @param errors events whose operation threw
     * @param finishedNanos when the last worker finished
     * @param sent events actually started (all of them unless the run was cut)
     */
    record Schedule(long startNanos, long periodNanos, int events, long[] sendLag, long errors, long finishedNanos,
            int sent) {

        /** True when the run was cut because it fell too far behind its schedule. */
        boolean cut() {
            return sent < events;
        }

        /** Events started per second, from the first due time to the last finish. */
        double achievedRate() {
            return sent * 1e9 / Math.max(1, finishedNanos - startNanos);
        }

        /** The due time of event {@code index}. */
        long due(long index) {
            return startNanos + index * periodNanos;
        }

        /** The send lags as latencies, to report how well the generator kept to the schedule. */
        Latencies lag() {
            return Latencies.of(sendLag);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Schedule other && startNanos == other.startNanos && periodNanos == other.periodNanos
                    && events == other.events && Arrays.equals(sendLag, other.sendLag) && errors == other.errors
                    && finishedNanos == other.finishedNanos && sent == other.sent;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startNanos) * 31 + events;
        }

        @Override
        public String toString() {
            return "Schedule[" + sent + " of " + events + " events every " + periodNanos + " ns, " + errors
                    + " errors]";
        }
    }

    private OpenLoop() {
    }

    /** The number of events {@code rate} events/s for {@code duration} schedules. */
    static int events(int rate, Duration duration) {
        return (int) Math.max(1, duration.toNanos() / period(rate));
    }

    private static long period(int rate) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate must be >= 1 event/s, got " + rate);
        }
        return 1_000_000_000L / rate;
    }

    /**
     * Runs {@code rate} events/s for {@code duration} with {@code workers} threads, cut when it
     * falls {@code maxLag} behind. The schedule starts once every worker is up, so thread
     * start-up is not charged to the first events.
     */
    static Schedule run(String name, int rate, Duration duration, Duration maxLag, int workers, Op op)
            throws InterruptedException {
        long period = period(rate);
        int events = events(rate, duration);
        long[] sendLag = new long[events];
        Arrays.fill(sendLag, -1);
        long[] start = new long[1];
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean cut = new AtomicBoolean();
        long maxLagNanos = maxLag.toNanos();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (errors.get() < MAX_ERRORS && !cut.get()) {
                    long i = next.getAndIncrement();
                    if (i >= events) {
                        return;
                    }
                    long due = start[0] + i * period;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long lag = System.nanoTime() - due;
                    if (lag > maxLagNanos) {
                        cut.set(true);
                        return;
                    }
                    sendLag[(int) i] = lag;
                    sent.incrementAndGet();
                    try {
                        op.run((int) i, due);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                }
            }, name + "-" + w);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await();
        // a short head start so that every worker is parked on its first event before it is due
        start[0] = System.nanoTime() + 20_000_000L;
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (firstError.get() != null) {
            System.err.printf("bench: %s: %d events failed, the first with: %s%n", name, errors.get(),
                    firstError.get());
        }
        return new Schedule(start[0], period, events, sendLag, errors.get(), System.nanoTime(), (int) sent.get());
    }
}
