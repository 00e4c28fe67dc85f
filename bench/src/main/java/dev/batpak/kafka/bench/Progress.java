package dev.batpak.kafka.bench;

import java.lang.management.ManagementFactory;

/** Progress lines on standard error, so that standard output carries only the results table. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    /** Prints {@code message} with the time since start. */
    static void say(String format, Object... args) {
        System.err.printf("bench [%5.1f s] %s%n", (System.nanoTime() - STARTED) / 1e9, String.format(format, args));
    }

    /** The one-minute load average now (NaN where the platform has none). */
    static double load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /** A one-line summary of a finished comparison. */
    static void done(Comparison c) {
        if (c.kind() == Comparison.Kind.LATENCY) {
            say("  %s: p50/p99/p999 raw %.1f/%.1f/%.1f ms, batpak %.1f/%.1f/%.1f ms", c.title(),
                    c.raw().latencies().quantileMillis(0.5), c.raw().latencies().quantileMillis(0.99),
                    c.raw().latencies().quantileMillis(0.999), c.batpak().latencies().quantileMillis(0.5),
                    c.batpak().latencies().quantileMillis(0.99), c.batpak().latencies().quantileMillis(0.999));
        } else {
            say("  %s: raw %,.0f rec/s, batpak %,.0f rec/s, ratio %.2f", c.title(), c.raw().recordsPerSecond(),
                    c.batpak().recordsPerSecond(), c.throughputRatio());
        }
    }
}
