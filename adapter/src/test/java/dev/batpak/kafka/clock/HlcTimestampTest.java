package dev.batpak.kafka.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ranges, order, packing and successor of {@link HlcTimestamp}. */
class HlcTimestampTest {

    private static void assertRejected(ClockException.Reason reason, long physical, int logical) {
        ClockException e = assertThrows(ClockException.class, () -> HlcTimestamp.of(physical, logical));
        assertEquals(reason, e.reason());
        assertEquals("INVALID_CLOCK", e.code());
    }

    @Test
    void rangesAreFortyEightAndSixteenBits() {
        HlcTimestamp.of(0, 0);
        HlcTimestamp.of((1L << 48) - 1, 65535);
        assertRejected(ClockException.Reason.PHYSICAL_OUT_OF_RANGE, -1, 0);
        assertRejected(ClockException.Reason.PHYSICAL_OUT_OF_RANGE, 1L << 48, 0);
        assertRejected(ClockException.Reason.LOGICAL_OUT_OF_RANGE, 0, -1);
        assertRejected(ClockException.Reason.LOGICAL_OUT_OF_RANGE, 0, 65536);
    }

    @Test
    void packedIsMillisShiftedSixteenOrLogical() {
        assertEquals(0L, HlcTimestamp.ZERO.packed());
        assertEquals((1_700_000_000_000L << 16) | 7, HlcTimestamp.of(1_700_000_000_000L, 7).packed());
        assertEquals(-1L, HlcTimestamp.MAX.packed());
        assertEquals(HlcTimestamp.MAX, HlcTimestamp.fromPacked(-1L));
        assertEquals(HlcTimestamp.of(1, 2), HlcTimestamp.fromPacked(0x1_0002L));
    }

    @Test
    void orderIsPhysicalThenLogical() {
        assertTrue(HlcTimestamp.of(1, 65535).compareTo(HlcTimestamp.of(2, 0)) < 0);
        assertTrue(HlcTimestamp.of(2, 1).compareTo(HlcTimestamp.of(2, 0)) > 0);
        assertEquals(0, HlcTimestamp.of(2, 1).compareTo(HlcTimestamp.of(2, 1)));
    }

    @Test
    void successorCountsThenCarriesIntoMillis() {
        assertEquals(HlcTimestamp.of(5, 1), HlcTimestamp.of(5, 0).successor());
        assertEquals(HlcTimestamp.of(6, 0), HlcTimestamp.of(5, 65535).successor());
        ClockException e = assertThrows(ClockException.class, HlcTimestamp.MAX::successor);
        assertEquals(ClockException.Reason.EXHAUSTED, e.reason());
    }

    @Test
    void readableFormAndInstant() {
        assertEquals("1700000000000.3", HlcTimestamp.of(1_700_000_000_000L, 3).toString());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), HlcTimestamp.of(1_700_000_000_000L, 3).toInstant());
    }
}
