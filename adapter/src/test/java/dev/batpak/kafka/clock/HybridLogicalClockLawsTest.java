package dev.batpak.kafka.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * HLC laws under arbitrary interleavings of {@code now()}, {@code observe(remote)} and wall-clock
 * jumps in both directions, plus the packed form's order.
 */
class HybridLogicalClockLawsTest {

    /** One step of a scenario. */
    sealed interface Step permits Now, Observe, Jump {}

    /** Read the clock for a local event. */
    record Now() implements Step {}

    /**
     * Receive a message stamped {@code remote}.
     *
     * @param remote the sender's timestamp
     */
    record Observe(HlcTimestamp remote) implements Step {}

    /**
     * Move the wall clock to {@code millis}, forwards or backwards.
     *
     * @param millis the new wall-clock reading
     */
    record Jump(long millis) implements Step {}

    @Provide
    Arbitrary<Long> millis() {
        // a narrow band so jumps collide with earlier readings, plus occasional far values
        return Arbitraries.oneOf(Arbitraries.longs().between(1_000, 1_020), Arbitraries.longs().between(0, 1L << 40));
    }

    @Provide
    Arbitrary<Integer> logicals() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(65_530, 65_535), Arbitraries.integers().between(0, 65_535));
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        @SuppressWarnings("unchecked")
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(new Now())),
                Tuple.of(3, Combinators.combine(millis(), logicals()).as((p, l) -> new Observe(HlcTimestamp.of(p, l)))),
                Tuple.of(2, millis().map(Jump::new)));
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 2000)
    void readingsAreStrictlyIncreasingAndBoundedByWhatWasSeen(
            @ForAll("scenarios") List<Step> steps, @ForAll("millis") long startWall) {
        ManualWallClock wall = new ManualWallClock(startWall);
        HybridLogicalClock clock = new HybridLogicalClock(wall);
        HlcTimestamp previous = HlcTimestamp.ZERO;
        long largestPhysicalSeen = startWall;
        for (Step step : steps) {
            HlcTimestamp next;
            if (step instanceof Jump jump) {
                wall.set(jump.millis());
                largestPhysicalSeen = Math.max(largestPhysicalSeen, jump.millis());
                continue;
            } else if (step instanceof Observe observe) {
                next = clock.observe(observe.remote());
                assertTrue(next.compareTo(observe.remote()) > 0, "PROPERTY: observe(r) > r");
                largestPhysicalSeen = Math.max(largestPhysicalSeen, observe.remote().physicalMillis());
            } else {
                next = clock.now();
            }
            assertTrue(next.compareTo(previous) > 0,
                    "PROPERTY: strictly increasing, got " + next + " after " + previous);
            assertTrue(next.physicalMillis() >= wall.millis(), "PROPERTY: never behind the wall clock");
            // the counter may carry into at most one extra millisecond per 65536 readings
            assertTrue(next.physicalMillis() <= largestPhysicalSeen + 1,
                    "PROPERTY: physical part stays within what was seen, got " + next);
            assertEquals(next, clock.last());
            previous = next;
        }
    }

    @Provide
    Arbitrary<HlcTimestamp> timestamps() {
        Arbitrary<Long> physical = Arbitraries.longs().between(0, HlcTimestamp.MAX_PHYSICAL_MILLIS)
                .edgeCases(c -> c.add(0L, (1L << 47) - 1, 1L << 47, HlcTimestamp.MAX_PHYSICAL_MILLIS));
        return Combinators.combine(physical, logicals()).as(HlcTimestamp::of);
    }

    @Property(tries = 3000)
    void packedRoundTripsAndKeepsOrder(@ForAll("timestamps") HlcTimestamp a, @ForAll("timestamps") HlcTimestamp b) {
        assertEquals(a, HlcTimestamp.fromPacked(a.packed()));
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Long.compareUnsigned(a.packed(), b.packed())),
                "PROPERTY: packed order (unsigned) is timestamp order");
        if (a.physicalMillis() < (1L << 47) && b.physicalMillis() < (1L << 47)) {
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Long.compare(a.packed(), b.packed())),
                    "PROPERTY: below 2^47 ms signed order agrees too");
        }
    }

    @Property(tries = 3000)
    void everyLongIsAPackedTimestamp(@ForAll long packed) {
        assertEquals(packed, HlcTimestamp.fromPacked(packed).packed());
    }

    @Property(tries = 1000)
    void successorIsTheNextPackedValue(@ForAll("timestamps") HlcTimestamp t) {
        if (!t.equals(HlcTimestamp.MAX)) {
            assertEquals(t.packed() + 1, t.successor().packed());
        }
    }

    @Property(tries = 1000)
    void observeAllIsAboveEveryRemote(@ForAll @LongRange(min = 0, max = 1L << 40) long wallMillis,
            @ForAll("remotes") List<HlcTimestamp> remotes) {
        HybridLogicalClock clock = new HybridLogicalClock(new ManualWallClock(wallMillis));
        HlcTimestamp before = clock.now();
        HlcTimestamp t = clock.observeAll(remotes);
        assertTrue(t.compareTo(before) > 0);
        for (HlcTimestamp r : remotes) {
            assertTrue(t.compareTo(r) > 0, "PROPERTY: observeAll > every remote");
        }
    }

    @Provide
    Arbitrary<List<HlcTimestamp>> remotes() {
        return Combinators.combine(millis(), logicals()).as(HlcTimestamp::of).list().ofMaxSize(6);
    }
}
