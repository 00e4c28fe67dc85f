package dev.batpak.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Halves of one side measured apart add up to the side measured whole. */
class SideTest {

    @Test
    void halvesAddRecordsWindowsLatenciesAndWeightCpuByRecords() {
        Side a = Side.of(100, 1_000_000_000L, Latencies.of(new long[] {1_000_000, 3_000_000}), 0)
                .with("cpu", Map.of("totalMsPer1000", 10.0));
        Side b = Side.of(300, 1_000_000_000L, Latencies.of(new long[] {2_000_000}), 1)
                .with("cpu", Map.of("totalMsPer1000", 30.0));
        Side sum = a.plus(b);
        assertEquals(400, sum.records());
        assertEquals(200.0, sum.recordsPerSecond(), 1e-9);
        assertEquals(3, sum.latencies().samples());
        assertEquals(2.0, sum.latencies().quantileMillis(0.5), "PROPERTY: latencies are merged and re-sorted");
        assertEquals(1, sum.errors());
        assertEquals(25.0, sum.cpuMsPerThousand(), 1e-9, "PROPERTY: CPU per record is weighted by records");
    }
}
