package dev.batpak.kafka.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LaneFrontierTest {

    @Test
    void refusesEveryBrokenOrder() {
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(0, 1, 2, 0, 0, 0, 0), "durable > written");
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(0, 2, 1, 2, 0, 0, 0), "accepted > durable");
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(0, 2, 2, 1, 2, 0, 0), "visible > accepted");
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(0, 2, 2, 2, 1, 2, 0), "applied > visible");
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(0, 2, 2, 2, 1, 0, 2), "emitted > visible");
        assertThrows(IllegalFrontierException.class, () -> new LaneFrontier(-1, 0, 0, 0, 0, 0, 0), "negative lane");
        IllegalFrontierException e = assertThrows(IllegalFrontierException.class,
                () -> new LaneFrontier(3, 5, 5, 4, 5, 0, 0));
        assertTrue(e.getMessage().contains("lane 3") && e.getMessage().contains("accepted"), e.getMessage());
    }

    @Test
    void coversMeansTheWatermarkIsPastTheOffset() {
        LaneFrontier lane = new LaneFrontier(0, 10, 10, 7, 5, 5, 3);
        assertTrue(lane.covers(Stage.VISIBLE, 4));
        assertTrue(!lane.covers(Stage.VISIBLE, 5), "a watermark is exclusive");
        assertEquals(7, lane.get(Stage.ACCEPTED));
        assertEquals(6, lane.asMap().size());
    }

    @Test
    void aFrontierIsIndexedByLane() {
        assertThrows(IllegalFrontierException.class, () -> new Frontier(List.of(LaneFrontier.origin(1))));
        Frontier frontier = new Frontier(List.of(LaneFrontier.origin(0), LaneFrontier.origin(1)));
        assertEquals(1, frontier.lane(1).lane());
        assertThrows(IllegalArgumentException.class, () -> frontier.lane(2));
    }

    @Property
    void acceptsExactlyTheOrderedStates(@ForAll @LongRange(max = 5) long written, @ForAll @LongRange(max = 5) long durable,
            @ForAll @LongRange(max = 5) long accepted, @ForAll @LongRange(max = 5) long visible,
            @ForAll @LongRange(max = 5) long applied, @ForAll @LongRange(max = 5) long emitted) {
        boolean legal = written >= durable && durable >= accepted && accepted >= visible && visible >= applied
                && visible >= emitted;
        boolean built;
        try {
            new LaneFrontier(0, written, durable, accepted, visible, applied, emitted);
            built = true;
        } catch (IllegalFrontierException e) {
            built = false;
        }
        assertEquals(legal, built, "PROPERTY: the constructor accepts exactly the states in stage order");
    }
}
