package dev.batpak.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The percentiles the report prints are exact nearest-rank quantiles of the samples kept. */
class LatenciesTest {

    @Test
    void nearestRankQuantilesOfOneToOneThousandMilliseconds() {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            nanos[nanos.length - 1 - i] = (i + 1) * 1_000_000L;
        }
        Latencies l = Latencies.of(nanos);
        assertEquals(1000, l.samples());
        assertEquals(500.0, l.quantileMillis(0.5), "PROPERTY: p50 of 1..1000 ms is 500 ms by nearest rank");
        assertEquals(990.0, l.quantileMillis(0.99));
        assertEquals(999.0, l.quantileMillis(0.999));
        assertEquals(1000.0, l.maxMillis());
        assertEquals(1.0, l.quantileMillis(0.0), "PROPERTY: q=0 is the smallest sample");
        assertEquals(500.5, l.meanMillis(), 1e-9);
    }

    @Test
    void slotsThatNeverCompletedAreDroppedNotCountedAsZero() {
        Latencies l = Latencies.of(new long[] {-1, 3_000_000, -1, 1_000_000});
        assertEquals(2, l.samples());
        assertEquals(1.0, l.quantileMillis(0.5));
    }

    @Test
    void anEmptySetHasNoQuantiles() {
        assertTrue(Double.isNaN(Latencies.NONE.quantileMillis(0.99)));
        assertTrue(Double.isNaN(Latencies.NONE.maxMillis()));
        assertThrows(IllegalArgumentException.class, () -> Latencies.NONE.quantileMillis(1.5));
    }
}
