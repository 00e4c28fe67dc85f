package dev.batpak.kafka.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a paired scenario (raw Kafka or batpak): how many records it moved in how long,
 * the per-record latencies it saw, and how many operations failed.
 *
 * @param records records completed inside the measured window
 * @param elapsedNanos the measured window
 * @param latencies per-operation (or per-record) latencies; {@link Latencies#NONE} if not measured
 * @param errors operations that threw; a side with errors is reported, never silently averaged
 * @param extra scenario-specific figures for the results file (for example the append phase of a
 *     pipelined run), in insertion order
 */
record Side(long records, long elapsedNanos, Latencies latencies, long errors, Map<String, Object> extra) {

    Side {
        extra = new LinkedHashMap<>(extra);
    }

    /** A side with no extra figures. */
    static Side of(long records, long elapsedNanos, Latencies latencies, long errors) {
        return new Side(records, elapsedNanos, latencies, errors, Map.of());
    }

    /** Records per second over the measured window; NaN for an empty window. */
    double recordsPerSecond() {
        return elapsedNanos <= 0 ? Double.NaN : records * 1e9 / elapsedNanos;
    }

    /** This side with one more extra figure. */
    Side with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new Side(records, elapsedNanos, latencies, errors, more);
    }

    /**
     * Two measurements of the same side as one: records, windows, latencies and errors added, CPU
     * per 1,000 records weighted by records. Extra figures other than the CPU are taken from this one.
     */
    Side plus(Side other) {
        long[] both = new long[latencies.samples() + other.latencies.samples()];
        System.arraycopy(latencies.sortedNanos(), 0, both, 0, latencies.samples());
        System.arraycopy(other.latencies.sortedNanos(), 0, both, latencies.samples(), other.latencies.samples());
        Side sum = new Side(records + other.records, elapsedNanos + other.elapsedNanos, Latencies.of(both),
                errors + other.errors, extra);
        if (extra.get("cpu") instanceof Map<?, ?> mine && other.extra.get("cpu") instanceof Map<?, ?> theirs) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : mine.entrySet()) {
                if (e.getValue() instanceof Number a && theirs.get(e.getKey()) instanceof Number b) {
                    cpu.put((String) e.getKey(), (a.doubleValue() * records + b.doubleValue() * other.records)
                            / Math.max(1, records + other.records));
                }
            }
            sum = sum.with("cpu", cpu);
        }
        return sum;
    }

    /** This side with the CPU it cost between two readings, per 1,000 of its records. */
    Side withCpu(Cpu.Reading before, Cpu.Reading after) {
        return with("cpu", Cpu.perThousand(before, after, records));
    }

    /** Total CPU ms (bench JVM + broker) per 1,000 records, or NaN when not measured. */
    double cpuMsPerThousand() {
        return extra.get("cpu") instanceof java.util.Map<?, ?> cpu && cpu.get("totalMsPer1000") instanceof Number n
                ? n.doubleValue() : Double.NaN;
    }

    /** The form written to the results file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", records);
        json.put("seconds", elapsedNanos / 1e9);
        json.put("recordsPerSec", recordsPerSecond());
        json.put("errors", errors);
        if (latencies.samples() > 0) {
            json.put("latency", latencies.toJson());
        }
        json.putAll(extra);
        return json;
    }
}
