package dev.batpak.kafka.internal.frontier;

import dev.batpak.kafka.frontier.Frontier;
import dev.batpak.kafka.frontier.LaneFrontier;
import dev.batpak.kafka.frontier.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * The live watermarks of every lane and the callers waiting on them.
 *
 * <p>Raising a stage also raises every stage it implies (visible implies accepted, accepted
 * implies durable, durable implies written; applied and emitted imply visible), so snapshots are
 * always legal {@link LaneFrontier}s even though the stages are learnt from different sources
 * (producer acks, the frontier topic) at different times.
 *
 * <p>Waiters sit in one min-heap per (lane, stage), ordered by target: an advance pops only the
 * waiters it satisfies, so many waiters on many targets cost O(log n) each, not O(waiters x
 * targets) per advance. A timed-out waiter is left in its heap and dropped when it surfaces.
 *
 * <p>Locking: the watermarks change only under the monitor, and are also readable without it
 * (an {@link AtomicLongArray}), so an {@link #await} whose target is already passed returns
 * without taking the lock every appending thread and the producer's acknowledgements contend on.
 * An advance allocates nothing unless it wakes somebody.
 */
public final class FrontierTracker {

    private static final Stage[] STAGES = Stage.values();
    private static final int STAGE_COUNT = STAGES.length;
    /** For each stage (by ordinal), the stages raising it raises: computed once, not per advance. */
    private static final int[][] IMPLIED = impliedOrdinals();

    private final int lanes;
    /** Lane {@code l}, stage {@code s} at index {@code l * STAGE_COUNT + s}; written only under the monitor. */
    private final AtomicLongArray marks;
    private final List<List<PriorityQueue<Waiter>>> waiters;
    private final Function<Throwable, RuntimeException> failure;
    private volatile Throwable failedCause;

    /**
     * Creates a tracker for {@code lanes} lanes, all at the origin.
     *
     * @param failure turns the latched fatal cause into the exception every caller sees
     */
    public FrontierTracker(int lanes, Function<Throwable, RuntimeException> failure) {
        this.lanes = lanes;
        this.marks = new AtomicLongArray(lanes * STAGE_COUNT);
        this.failure = failure;
        this.waiters = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            List<PriorityQueue<Waiter>> byStage = new ArrayList<>(STAGES.length);
            for (int s = 0; s < STAGES.length; s++) {
                byStage.add(new PriorityQueue<>());
            }
            waiters.add(byStage);
        }
    }

    /** The number of lanes. */
    public int lanes() {
        return lanes;
    }

    /**
     * Raises {@code stage} of {@code lane} (and every stage it implies) to at least {@code value},
     * waking the waiters it satisfies. Values never go down. Ignored once failed, so the durable
     * watermark freezes at the failure.
     */
    public void advance(int lane, Stage stage, long value) {
        Objects.checkIndex(lane, lanes);
        List<Waiter> ready = null;
        synchronized (this) {
            if (failedCause != null) {
                return;
            }
            int base = lane * STAGE_COUNT;
            for (int s : IMPLIED[stage.ordinal()]) {
                if (value > marks.get(base + s)) {
                    marks.set(base + s, value);
                    PriorityQueue<Waiter> queue = waiters.get(lane).get(s);
                    while (!queue.isEmpty() && queue.peek().target < value) {
                        if (ready == null) {
                            ready = new ArrayList<>();
                        }
                        ready.add(queue.poll());
                    }
                }
            }
        }
        if (ready != null) {
            for (Waiter waiter : ready) {
                waiter.done.complete(null);
            }
        }
    }

    /** The current watermarks of one lane. */
    public synchronized LaneFrontier lane(int lane) {
        Objects.checkIndex(lane, lanes);
        int b = lane * STAGE_COUNT;
        return new LaneFrontier(lane, marks.get(b), marks.get(b + 1), marks.get(b + 2), marks.get(b + 3),
                marks.get(b + 4), marks.get(b + 5));
    }

    /** The current watermarks of every lane, taken under one lock (no torn snapshot). */
    public synchronized Frontier snapshot() {
        List<LaneFrontier> all = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            all.add(lane(lane));
        }
        return new Frontier(all);
    }

    /**
     * Blocks until {@code stage} of {@code lane} passes {@code proposalOffset} (its value exceeds
     * it), the tracker fails, or the timeout passes.
     *
     * @return true when reached, false on timeout
     * @throws RuntimeException the failure exception, at once, when the tracker has failed
     */
    public boolean await(int lane, Stage stage, long proposalOffset, Duration timeout) throws InterruptedException {
        Objects.checkIndex(lane, lanes);
        int index = lane * STAGE_COUNT + stage.ordinal();
        Throwable failed = failedCause;
        if (failed != null) {
            throw failure.apply(failed);
        }
        if (marks.get(index) > proposalOffset) {
            return true; // already passed: marks only rise, no lock needed to know
        }
        Waiter waiter;
        synchronized (this) {
            if (failedCause != null) {
                throw failure.apply(failedCause);
            }
            if (marks.get(index) > proposalOffset) {
                return true;
            }
            waiter = new Waiter(proposalOffset);
            waiters.get(lane).get(stage.ordinal()).add(waiter);
        }
        try {
            waiter.done.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw failure.apply(e.getCause());
        }
    }

    /**
     * Latches a fatal cause: every current waiter and every later call fails with it, and no
     * watermark advances again. The first cause wins.
     */
    public void fail(Throwable cause) {
        List<Waiter> all = new ArrayList<>();
        synchronized (this) {
            if (failedCause != null) {
                return;
            }
            failedCause = cause;
            for (List<PriorityQueue<Waiter>> byStage : waiters) {
                for (PriorityQueue<Waiter> queue : byStage) {
                    all.addAll(queue);
                    queue.clear();
                }
            }
        }
        for (Waiter waiter : all) {
            waiter.done.completeExceptionally(cause);
        }
    }

    /** Throws the failure exception when the tracker has failed. */
    public synchronized void checkNotFailed() {
        if (failedCause != null) {
            throw failure.apply(failedCause);
        }
    }

    private static int[][] impliedOrdinals() {
        int[][] implied = new int[STAGE_COUNT][];
        for (Stage stage : STAGES) {
            Stage[] stages = switch (stage) {
                case WRITTEN -> new Stage[] {Stage.WRITTEN};
                case DURABLE -> new Stage[] {Stage.WRITTEN, Stage.DURABLE};
                case ACCEPTED -> new Stage[] {Stage.WRITTEN, Stage.DURABLE, Stage.ACCEPTED};
                case VISIBLE -> new Stage[] {Stage.WRITTEN, Stage.DURABLE, Stage.ACCEPTED, Stage.VISIBLE};
                case APPLIED -> new Stage[] {
                    Stage.WRITTEN, Stage.DURABLE, Stage.ACCEPTED, Stage.VISIBLE, Stage.APPLIED};
                case EMITTED -> new Stage[] {
                    Stage.WRITTEN, Stage.DURABLE, Stage.ACCEPTED, Stage.VISIBLE, Stage.EMITTED};
            };
            implied[stage.ordinal()] = new int[stages.length];
            for (int i = 0; i < stages.length; i++) {
                implied[stage.ordinal()][i] = stages[i].ordinal();
            }
        }
        return implied;
    }

    private static final class Waiter implements Comparable<Waiter> {
        private final long target;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Waiter(long target) {
            this.target = target;
        }

        @Override
        public int compareTo(Waiter other) {
            return Long.compare(target, other.target);
        }
    }
}
