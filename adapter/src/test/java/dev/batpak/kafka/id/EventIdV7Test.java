package dev.batpak.kafka.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Pins the UUIDv7 bit layout (RFC 9562 section 5.7) of generated event ids. */
class EventIdV7Test {

    /** Returns the same bits every call, so the layout can be checked exactly. */
    private static RandomGenerator constant(long bits) {
        return () -> bits;
    }

    @Test
    void allOnesRandomnessFillsOnlyTheRandomFields() {
        EventId id = EventId.v7(0x0123_4567_89ABL, constant(-1L));
        UUID v = id.value();
        assertEquals(0x0123_4567_89AB_7FFFL, v.getMostSignificantBits());
        assertEquals(0xBFFF_FFFF_FFFF_FFFFL, v.getLeastSignificantBits());
        assertEquals(7, v.version());
        assertEquals(2, v.variant());
        assertEquals(0x0123_4567_89ABL, id.timestampMillis());
    }

    @Test
    void zeroRandomnessLeavesVersionAndVariantOnly() {
        UUID v = EventId.v7(0, constant(0L)).value();
        assertEquals(0x0000_0000_0000_7000L, v.getMostSignificantBits());
        assertEquals(0x8000_0000_0000_0000L, v.getLeastSignificantBits());
    }

    @Test
    void timestampBoundsAreTheFortyEightBitField() {
        assertEquals(EventId.MAX_V7_MILLIS, EventId.v7(EventId.MAX_V7_MILLIS, constant(5)).timestampMillis());
        assertEquals(0, EventId.v7(0, constant(5)).timestampMillis());
        assertEquals("INVALID_ID", assertThrows(InvalidIdException.class,
                () -> EventId.v7(EventId.MAX_V7_MILLIS + 1, constant(5))).code());
        assertThrows(InvalidIdException.class, () -> EventId.v7(-1, constant(5)));
    }

    @Test
    void randomUsesTheCurrentTimeAndDiffers() {
        long before = System.currentTimeMillis();
        EventId a = EventId.random();
        EventId b = EventId.random();
        long after = System.currentTimeMillis();
        assertTrue(a.timestampMillis() >= before && a.timestampMillis() <= after);
        assertEquals(7, a.value().version());
        assertEquals(2, a.value().variant());
        assertTrue(!a.equals(b), "two random ids collided");
    }

    @Test
    void nullRandomIsRefused() {
        assertThrows(NullPointerException.class, () -> EventId.v7(1, null));
    }

    @Test
    void seededGeneratorsAreReproducible() {
        assertEquals(EventId.v7(1_700_000_000_000L, new SplittableRandom(42)),
                EventId.v7(1_700_000_000_000L, new SplittableRandom(42)));
    }
}
