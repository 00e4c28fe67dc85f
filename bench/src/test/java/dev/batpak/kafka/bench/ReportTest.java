package dev.batpak.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ratios, target verdicts and the table come from the measured sides, nothing else. */
class ReportTest {

    private static final Machine MACHINE = new Machine(2, 1L << 34, "17", "vm", "linux", List.of(), "abcdef0123456789",
            true);

    private static Side side(long records, double seconds, long... latencyMillis) {
        long[] nanos = new long[latencyMillis.length];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = latencyMillis[i] * 1_000_000L;
        }
        return Side.of(records, (long) (seconds * 1e9), Latencies.of(nanos), 0);
    }

    @Test
    void ratiosAndTargetsFollowTheSides() {
        Comparison fast = new Comparison("durable-64", Comparison.Kind.THROUGHPUT, "append", "pairing",
                side(1000, 1), side(900, 1), new Target("0.8x", Target.Kind.RATIO_AT_LEAST, 0.8), 1.0);
        assertEquals(0.9, fast.throughputRatio(), 1e-9);
        assertTrue(fast.target().met(fast));
        Comparison slow = new Comparison("visible-throughput", Comparison.Kind.THROUGHPUT, "visible", "pairing",
                side(1000, 1), side(400, 1), new Target("0.5x", Target.Kind.RATIO_AT_LEAST, 0.5), 1.0);
        assertFalse(slow.target().met(slow));
        Comparison latency = new Comparison("visible-latency", Comparison.Kind.LATENCY, "latency", "pairing",
                side(3, 1, 5, 6, 7), side(3, 1, 50, 60, 70),
                new Target("p99 <= 100 ms", Target.Kind.BATPAK_P99_AT_MOST_MS, 100), 1.0);
        assertTrue(latency.target().met(latency));
        assertEquals(10.0, latency.p99Ratio(), 1e-9);
        Comparison cut = new Comparison("visible-latency", Comparison.Kind.LATENCY, "latency", "pairing",
                side(3, 1, 5, 6, 7), side(3, 1, 50, 60, 70).with("cutBehindSchedule", true)
                        .with("achievedRatePerSec", 100.0),
                new Target("p99 <= 100 ms", Target.Kind.BATPAK_P99_AT_MOST_MS, 100), 1.0);
        assertFalse(cut.target().met(cut), "PROPERTY: a cut run's percentiles never meet a latency target");

        Report report = new Report(BenchSettings.quick(), MACHINE, Instant.parse("2026-11-29T12:00:00Z"), 42, 1, 2,
                List.of(fast, slow, latency), Map.of("graph walks", "not landed"), Map.of(),
                Map.of("proposals", 1000L, "perProposal", 5.5));
        String table = report.table();
        assertTrue(table.contains("| append | 1,000 | 900 | 0.90 | 1,000 / 900 | met (0.90x >= 0.8x) |"), table);
        assertTrue(table.contains("NOT met (0.40x < 0.5x)"), table);
        assertTrue(table.contains("| graph walks | — | — | — | — | not available yet: not landed |"), table);
        assertTrue(table.contains("Commit abcdef012345 with uncommitted changes"), table);
        assertTrue(table.contains("The sequencer wrote 5.50 records per proposal (1,000 proposals"), table);
        String json = Json.write(report.toJson());
        assertTrue(json.contains("\"throughputRatio\": 0.9"), json);
        assertTrue(json.contains("\"uncommittedChanges\": true"), json);
    }

    @Test
    void graphWalksGetTheirOwnTable() {
        // 4 walks of 10 hops in 2 s: 2 walks/s, 20 hops/s; batpak 4 walks in 0.5 s
        Comparison graph = new Comparison("graph-causal-10", Comparison.Kind.GRAPH, "graph: causal ancestors, depth 10",
                "pairing", side(40, 2, 400, 500, 500, 600).with("walks", 4).with("indexBuildSeconds", 1.5)
                        .with("indexRecords", 1234L),
                side(40, 0.5, 100, 120, 130, 150).with("walks", 4), null, 1.0);
        assertEquals(2.0, GraphScenario.walksPerSecond(graph.raw()), 1e-9);
        assertEquals(4.0, graph.throughputRatio(), 1e-9);
        Report report = new Report(BenchSettings.standard(), MACHINE, Instant.parse("2026-11-29T12:00:00Z"), 42, 1,
                2, List.of(graph), Map.of(), Map.of("only", "graph"), Map.of());
        String table = report.table();
        assertTrue(table.contains("| graph: causal ancestors, depth 10 | 2.00 | 8.00 | 500.0 / 600.0 | 120.0 / 150.0"
                + " | 20 | 80 | 4.00 | 4 |"), table);
        assertTrue(table.contains("index it (1,234 records): 1.50 s"), table);
        assertFalse(table.contains("| graph: causal ancestors, depth 10 (per call)"),
                "graph walks are not repeated in the latency table: " + table);
        String json = Json.write(report.toJson());
        assertTrue(json.contains("\"kind\": \"GRAPH\""), json);
        assertTrue(json.contains("\"graphDepths\""), json);
    }
}
