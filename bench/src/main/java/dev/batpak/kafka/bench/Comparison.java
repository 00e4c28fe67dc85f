package dev.batpak.kafka.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario measured twice in the same run on the same broker: once with raw Kafka clients,
 * once through batpak.
 *
 * @param id a stable identifier for the results file, e.g. {@code durable-64}
 * @param kind whether the scenario is about throughput or about latency at a fixed rate
 * @param title what the table shows
 * @param pairing how the two sides are made comparable (same settings, same payload bytes, ...)
 * @param raw the raw-Kafka baseline
 * @param batpak the batpak side
 * @param target the target for this scenario, or null
 * @param loadAverage the machine's one-minute load average when the scenario started
 */
record Comparison(String id, Kind kind, String title, String pairing, Side raw, Side batpak, Target target,
        double loadAverage) {

    /** What a scenario is about, which decides the table it leads in. */
    enum Kind {
        /** How many records per second; latencies, if any, are per call in a closed loop. */
        THROUGHPUT,
        /** Latency at a fixed offered rate (open loop); records/s is just the offered rate. */
        LATENCY,
        /** Graph walks: records are hops, latencies are per walk, the extra figures count the walks. */
        GRAPH
    }

    /** batpak records/s divided by raw records/s (above 1: batpak faster). */
    double throughputRatio() {
        return batpak.recordsPerSecond() / raw.recordsPerSecond();
    }

    /** batpak p99 divided by raw p99 (above 1: batpak slower); NaN without latencies. */
    double p99Ratio() {
        return batpak.latencies().quantileMillis(0.99) / raw.latencies().quantileMillis(0.99);
    }

    /** The target, if the issue set one for this scenario. */
    Optional<Target> targetIfAny() {
        return Optional.ofNullable(target);
    }

    /** True when both sides measured latencies. */
    boolean hasLatencies() {
        return raw.latencies().samples() > 0 && batpak.latencies().samples() > 0;
    }

    /** The form written to the results file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("kind", kind.name());
        json.put("title", title);
        json.put("pairing", pairing);
        json.put("loadAverage1m", loadAverage);
        json.put("raw", raw.toJson());
        json.put("batpak", batpak.toJson());
        json.put("throughputRatio", throughputRatio());
        if (hasLatencies()) {
            json.put("p99Ratio", p99Ratio());
        }
        if (target != null) {
            json.put("target", target.toJson(this));
        }
        return json;
    }
}
