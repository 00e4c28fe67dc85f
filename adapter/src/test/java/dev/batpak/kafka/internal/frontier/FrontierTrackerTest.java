package dev.batpak.kafka.internal.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.frontier.LaneFrontier;
import dev.batpak.kafka.frontier.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FrontierTrackerTest {

    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(Throwable cause) {
            super(cause);
        }
    }

    private static FrontierTracker tracker(int lanes) {
        return new FrontierTracker(lanes, Failed::new);
    }

    record Advance(int lane, Stage stage, long value) {
    }

    @Provide
    Arbitrary<List<Advance>> advances() {
        Arbitrary<Advance> one = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.of(Stage.class), Arbitraries.longs().between(0, 50)).as(Advance::new);
        return one.list().ofMaxSize(60);
    }

    @Property
    void everySnapshotIsLegalAndMonotone(@ForAll("advances") List<Advance> advances) {
        FrontierTracker tracker = tracker(3);
        LaneFrontier[] previous = {LaneFrontier.origin(0), LaneFrontier.origin(1), LaneFrontier.origin(2)};
        for (Advance advance : advances) {
            tracker.advance(advance.lane(), advance.stage(), advance.value());
            // the snapshot's constructor refuses illegal states, so taking it is the check
            LaneFrontier now = tracker.snapshot().lane(advance.lane());
            for (Stage stage : Stage.values()) {
                assertTrue(now.get(stage) >= previous[advance.lane()].get(stage), "PROPERTY: watermarks never go down");
            }
            assertTrue(now.get(advance.stage()) >= advance.value(), "PROPERTY: an advance is reflected");
            previous[advance.lane()] = now;
        }
    }

    @Property
    void aWaiterIsReleasedExactlyWhenItsTargetIsCovered(@ForAll("advances") List<Advance> advances) throws Exception {
        FrontierTracker tracker = tracker(3);
        for (Advance advance : advances) {
            tracker.advance(advance.lane(), advance.stage(), advance.value());
        }
        for (int lane = 0; lane < 3; lane++) {
            for (Stage stage : Stage.values()) {
                long mark = tracker.lane(lane).get(stage);
                assertTrue(mark == 0 || tracker.await(lane, stage, mark - 1, Duration.ZERO),
                        "PROPERTY: a covered target returns at once");
                assertFalse(tracker.await(lane, stage, mark, Duration.ZERO),
                        "PROPERTY: an uncovered target does not return");
            }
        }
    }

    @Test
    void laterStagesImplyEarlierOnesButNotTheReverse() {
        FrontierTracker tracker = tracker(1);
        tracker.advance(0, Stage.VISIBLE, 5);
        assertEquals(new LaneFrontier(0, 5, 5, 5, 5, 0, 0), tracker.lane(0));
        tracker.advance(0, Stage.DURABLE, 9);
        assertEquals(new LaneFrontier(0, 9, 9, 5, 5, 0, 0), tracker.lane(0));
        tracker.advance(0, Stage.EMITTED, 7);
        assertEquals(new LaneFrontier(0, 9, 9, 7, 7, 0, 7), tracker.lane(0));
    }

    @Test
    void manyWaitersAreReleasedInOrderOfTheirTargets() throws Exception {
        FrontierTracker tracker = tracker(2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> waits = new ArrayList<>();
            for (int target = 0; target < 8; target++) {
                long t = target;
                waits.add(pool.submit(() -> tracker.await(1, Stage.ACCEPTED, t, Duration.ofSeconds(30))));
            }
            tracker.advance(0, Stage.ACCEPTED, 100);
            tracker.advance(1, Stage.ACCEPTED, 4);
            for (int target = 0; target < 4; target++) {
                assertTrue(waits.get(target).get(30, TimeUnit.SECONDS), "target " + target + " is covered by 4");
            }
            for (int target = 4; target < 8; target++) {
                assertFalse(waits.get(target).isDone() && waits.get(target).get(), "target " + target + " is not covered");
            }
            tracker.advance(1, Stage.VISIBLE, 8);
            for (int target = 4; target < 8; target++) {
                assertTrue(waits.get(target).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failingReleasesEveryWaiterWithTheCauseAndFreezesTheWatermarks() throws Exception {
        FrontierTracker tracker = tracker(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Throwable> waiter = pool.submit(() -> {
                try {
                    tracker.await(0, Stage.VISIBLE, 10, Duration.ofMinutes(1));
                    return null;
                } catch (Failed e) {
                    return e.getCause();
                }
            });
            tracker.advance(0, Stage.DURABLE, 3);
            IllegalStateException cause = new IllegalStateException("fenced");
            tracker.fail(cause);
            assertSame(cause, waiter.get(30, TimeUnit.SECONDS));
            tracker.advance(0, Stage.DURABLE, 9);
            Failed failed = assertThrows(Failed.class, () -> tracker.await(0, Stage.DURABLE, 0, Duration.ofSeconds(1)));
            assertSame(cause, failed.getCause());
            assertThrows(Failed.class, tracker::checkNotFailed);
            assertEquals(3, tracker.lane(0).durable(), "PROPERTY: durable freezes at the failure");
        } finally {
            pool.shutdownNow();
        }
    }
}
