package dev.batpak.kafka.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A target from the benchmark issue, checked against a measured comparison. Targets are
 * reported (met / not met, with the number), never asserted: a shared two-core machine is no
 * place for timing verdicts.
 *
 * @param text the target as the issue states it
 * @param kind what is compared with the threshold
 * @param threshold the ratio (for {@link Kind#RATIO_AT_LEAST}) or milliseconds (for
 *     {@link Kind#BATPAK_P99_AT_MOST_MS})
 */
record Target(String text, Kind kind, double threshold) {

    /** What a target compares. */
    enum Kind {
        /** The comparison's batpak/raw throughput ratio must be at least the threshold. */
        RATIO_AT_LEAST,
        /** batpak's p99 latency must be at most the threshold in milliseconds. */
        BATPAK_P99_AT_MOST_MS
    }

    /** The measured figure the threshold applies to. */
    double measured(Comparison comparison) {
        return switch (kind) {
            case RATIO_AT_LEAST -> comparison.throughputRatio();
            case BATPAK_P99_AT_MOST_MS -> comparison.batpak().latencies().quantileMillis(0.99);
        };
    }

    /** Whether {@code comparison} meets this target (false when nothing was measured). */
    boolean met(Comparison comparison) {
        double value = measured(comparison);
        if (Double.isNaN(value) || comparison.batpak().errors() > 0) {
            return false;
        }
        if (kind == Kind.BATPAK_P99_AT_MOST_MS && cut(comparison.batpak())) {
            // percentiles of a cut run leave out the events that would have waited longest
            return false;
        }
        return switch (kind) {
            case RATIO_AT_LEAST -> value >= threshold;
            case BATPAK_P99_AT_MOST_MS -> value <= threshold;
        };
    }

    /** A short verdict for the table, e.g. {@code met (0.91x >= 0.8x)}. */
    String verdict(Comparison comparison) {
        double value = measured(comparison);
        String figure = switch (kind) {
            case RATIO_AT_LEAST -> String.format("%.2fx %s %.1fx", value, met(comparison) ? ">=" : "<", threshold);
            case BATPAK_P99_AT_MOST_MS -> String.format("p99 %.1f ms %s %.0f ms", value,
                    met(comparison) ? "<=" : ">", threshold);
        };
        if (kind == Kind.BATPAK_P99_AT_MOST_MS && cut(comparison.batpak())) {
            figure += String.format(", rate not sustained: %.0f/s", ((Number) comparison.batpak().extra()
                    .get("achievedRatePerSec")).doubleValue());
        }
        return (met(comparison) ? "met" : "NOT met") + " (" + figure + ")";
    }

    /** True for an open-loop side that was cut because it fell behind its schedule. */
    static boolean cut(Side side) {
        return Boolean.TRUE.equals(side.extra().get("cutBehindSchedule"));
    }

    /** The form written to the results file. */
    Map<String, Object> toJson(Comparison comparison) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("text", text);
        json.put("kind", kind.name());
        json.put("threshold", threshold);
        json.put("measured", measured(comparison));
        json.put("met", met(comparison));
        return json;
    }
}
