package dev.batpak.kafka.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The send, receive and regression rules of {@link HybridLogicalClock}. */
class HybridLogicalClockTest {

    @Test
    void nowFollowsAnAdvancingWallClock() {
        ManualWallClock wall = new ManualWallClock(1_000);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        assertEquals(HlcTimestamp.of(1_000, 0), clock.now());
        assertEquals(HlcTimestamp.of(1_000, 1), clock.now());
        wall.set(1_005);
        assertEquals(HlcTimestamp.of(1_005, 0), clock.now());
        assertEquals(HlcTimestamp.of(1_005, 0), clock.last());
    }

    @Test
    void aBackwardsWallClockIsAbsorbedByTheCounter() {
        ManualWallClock wall = new ManualWallClock(2_000);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        clock.now();
        wall.set(1_000);
        assertEquals(HlcTimestamp.of(2_000, 1), clock.now());
        assertEquals(HlcTimestamp.of(2_000, 2), clock.now());
        wall.set(2_001);
        assertEquals(HlcTimestamp.of(2_001, 0), clock.now());
    }

    @Test
    void observeJumpsPastARemoteFromTheFuture() {
        ManualWallClock wall = new ManualWallClock(1_000);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        clock.now();
        assertEquals(HlcTimestamp.of(5_000, 4), clock.observe(HlcTimestamp.of(5_000, 3)));
        assertEquals(HlcTimestamp.of(5_000, 5), clock.now());
    }

    @Test
    void observeOfAnOldRemoteStillAdvances() {
        ManualWallClock wall = new ManualWallClock(9_000);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        HlcTimestamp first = clock.now();
        HlcTimestamp second = clock.observe(HlcTimestamp.of(10, 0));
        assertEquals(HlcTimestamp.of(9_000, 1), second);
        assertTrue(second.compareTo(first) > 0);
    }

    @Test
    void observeOfAnEqualPhysicalTakesTheLargerCounterPlusOne() {
        ManualWallClock wall = new ManualWallClock(7_000);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        clock.now(); // 7000.0
        assertEquals(HlcTimestamp.of(7_000, 10), clock.observe(HlcTimestamp.of(7_000, 9)));
        assertEquals(HlcTimestamp.of(7_000, 11), clock.observe(HlcTimestamp.of(7_000, 2)));
    }

    @Test
    void observeAllTakesTheLargestRemote() {
        ManualWallClock wall = new ManualWallClock(100);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        assertEquals(HlcTimestamp.of(300, 1), clock.observeAll(List.of(
                HlcTimestamp.of(200, 9), HlcTimestamp.of(300, 0), HlcTimestamp.of(50, 0))));
        assertEquals(HlcTimestamp.of(300, 2), clock.observeAll(List.of()));
        assertThrows(NullPointerException.class, () -> clock.observeAll(Arrays.asList(HlcTimestamp.ZERO, null)));
    }

    @Test
    void counterOverflowCarriesIntoTheNextMillisecond() {
        ManualWallClock wall = new ManualWallClock(50);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        clock.observe(HlcTimestamp.of(50, 65534)); // 50.65535
        assertEquals(HlcTimestamp.of(51, 0), clock.now());
        assertEquals(HlcTimestamp.of(51, 1), clock.now());
        wall.set(51);
        assertEquals(HlcTimestamp.of(51, 2), clock.now());
    }

    @Test
    void sixtyFiveThousandReadingsInOneMillisecondStillIncrease() {
        HybridLogicalClock clock = new HybridLogicalClock(new ManualWallClock(1));
        HlcTimestamp previous = HlcTimestamp.ZERO;
        for (int i = 0; i < 70_000; i++) {
            HlcTimestamp next = clock.now();
            assertTrue(next.compareTo(previous) > 0);
            previous = next;
        }
        assertEquals(HlcTimestamp.of(2, 70_000 - 65_536 - 1), previous);
    }

    @Test
    void exhaustionAndOutOfRangeWallClocksAreTypedErrors() {
        HybridLogicalClock clock = new HybridLogicalClock(new ManualWallClock(0));
        assertEquals(ClockException.Reason.EXHAUSTED,
                assertThrows(ClockException.class, () -> clock.observe(HlcTimestamp.MAX)).reason());
        HybridLogicalClock far = new HybridLogicalClock(new ManualWallClock(1L << 48));
        assertEquals(ClockException.Reason.WALL_CLOCK_OUT_OF_RANGE,
                assertThrows(ClockException.class, far::now).reason());
    }

    @Test
    void aWallClockBeforeTheEpochCountsAsZero() {
        HybridLogicalClock clock = new HybridLogicalClock(new ManualWallClock(-5_000));
        assertEquals(HlcTimestamp.of(0, 1), clock.now());
    }

    @Test
    void systemClockReadingsAreCloseToTheWallClock() {
        HybridLogicalClock clock = new HybridLogicalClock(InstantSource.system());
        long before = System.currentTimeMillis();
        HlcTimestamp t = clock.now();
        assertTrue(t.physicalMillis() >= before && t.physicalMillis() <= System.currentTimeMillis());
    }

    @Test
    void concurrentCallersNeverShareATimestamp() throws Exception {
        ManualWallClock wall = new ManualWallClock(10);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        int threads = 8;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<HlcTimestamp>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<HlcTimestamp> seen = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        if (i % 1000 == 0 && id == 0) {
                            wall.set(10 + i / 1000 * (i % 2000 == 0 ? 1 : -1)); // jitter both ways
                        }
                        seen.add(i % 7 == 0 ? clock.observe(HlcTimestamp.of(10, i % 100)) : clock.now());
                    }
                    return seen;
                }));
            }
            start.countDown();
            Set<HlcTimestamp> all = new HashSet<>();
            for (Future<List<HlcTimestamp>> f : futures) {
                List<HlcTimestamp> seen = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < seen.size(); i++) {
                    assertTrue(seen.get(i).compareTo(seen.get(i - 1)) > 0, "per-thread order broke");
                }
                all.addAll(seen);
            }
            assertEquals(threads * perThread, all.size(), "PROPERTY: no timestamp issued twice");
        } finally {
            pool.shutdownNow();
        }
    }
}
