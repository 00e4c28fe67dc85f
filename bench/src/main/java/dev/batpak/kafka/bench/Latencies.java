package dev.batpak.kafka.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of latency samples, kept whole and sorted: percentiles are exact, not bucketed. A run
 * holds at most a few hundred thousand samples, so an array is cheaper than a histogram library
 * and has no resolution to choose.
 *
 * @param sortedNanos the samples in nanoseconds, ascending
 */
record Latencies(long[] sortedNanos) {

    /** The empty set, for a side that measured no latency. */
    static final Latencies NONE = new Latencies(new long[0]);

    /** Copies and sorts {@code nanos}; negative values (slots that never completed) are dropped. */
    static Latencies of(long[] nanos) {
        long[] kept = Arrays.stream(nanos).filter(v -> v >= 0).toArray();
        Arrays.sort(kept);
        return new Latencies(kept);
    }

    /** The number of samples. */
    int samples() {
        return sortedNanos.length;
    }

    /**
     * The {@code q}-quantile in milliseconds by the nearest-rank rule (the smallest sample with at
     * least {@code q} of all samples at or below it); NaN when empty.
     */
    double quantileMillis(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("a quantile is in [0, 1], got " + q);
        }
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** The mean in milliseconds; NaN when empty. */
    double meanMillis() {
        return sortedNanos.length == 0 ? Double.NaN : Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
    }

    /** The largest sample in milliseconds; NaN when empty. */
    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** The summary written to the results file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", samples());
        json.put("p50Ms", quantileMillis(0.50));
        json.put("p90Ms", quantileMillis(0.90));
        json.put("p99Ms", quantileMillis(0.99));
        json.put("p999Ms", quantileMillis(0.999));
        json.put("maxMs", maxMillis());
        json.put("meanMs", meanMillis());
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Latencies other && Arrays.equals(sortedNanos, other.sortedNanos);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sortedNanos);
    }

    @Override
    public String toString() {
        return "Latencies[" + samples() + " samples]";
    }
}
