package dev.batpak.kafka.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A finished run: renders the Markdown tables (printed, and pasted into docs/benchmarks.md) and
 * the results file's JSON.
 *
 * @param settings the preset the run used
 * @param machine the machine and commit
 * @param started when the run started
 * @param seconds how long the whole run took, broker start included
 * @param loadStart the one-minute load average at the start
 * @param loadEnd the one-minute load average at the end
 * @param comparisons every paired scenario, in run order
 * @param unavailable scenarios that cannot run yet, with the reason
 * @param experiment the experiment options of a non-standard run (empty for a standard run)
 * @param writes records the sequencer wrote per proposal, by topic ({@link TopicWrites}); empty
 *     when the visible scenarios did not run
 */
record Report(BenchSettings settings, Machine machine, Instant started, double seconds, double loadStart,
        double loadEnd, List<Comparison> comparisons, Map<String, String> unavailable, Map<String, String> experiment,
        Map<String, Object> writes) {

    Report {
        comparisons = List.copyOf(comparisons);
        unavailable = new LinkedHashMap<>(unavailable);
        experiment = new LinkedHashMap<>(experiment);
        writes = new LinkedHashMap<>(writes);
    }

    /** The results file's content. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("formatVersion", 1);
        json.put("started", started.toString());
        json.put("runSeconds", seconds);
        json.put("machine", machine.toJson());
        json.put("loadAverage1m", Map.of("start", loadStart, "end", loadEnd));
        json.put("settings", settings.toJson());
        json.put("experiment", new LinkedHashMap<String, Object>(experiment));
        List<Object> scenarios = new ArrayList<>();
        for (Comparison c : comparisons) {
            scenarios.add(c.toJson());
        }
        json.put("scenarios", scenarios);
        List<Object> missing = new ArrayList<>();
        unavailable.forEach((id, why) -> missing.add(Map.of("id", id, "status", "not available yet", "reason", why)));
        json.put("notAvailable", missing);
        json.put("sequencerWrites", writes);
        return json;
    }

    /** The tables and a footer naming the machine, commit and date, in Markdown. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append("Throughput, records/s (batpak/raw above 1 means batpak is faster)\n\n");
        out.append("| scenario | raw Kafka | batpak | batpak / raw | records (raw / batpak) | target |\n");
        out.append("|---|--:|--:|--:|--:|---|\n");
        for (Comparison c : comparisons) {
            if (c.kind() != Comparison.Kind.THROUGHPUT) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s / %s | %s |%n", c.title(),
                    count(c.raw().recordsPerSecond()) + errors(c.raw()), count(c.batpak().recordsPerSecond())
                            + errors(c.batpak()), c.throughputRatio(), count(c.raw().records()),
                    count(c.batpak().records()), c.targetIfAny().map(t -> t.verdict(c)).orElse("")));
        }
        unavailable.forEach((id, why) -> out.append("| ").append(id).append(" | — | — | — | — | not available yet: ")
                .append(why).append(" |\n"));
        out.append("\nLatency, ms: p50 / p99 / p999 (batpak/raw of p99 above 1 means batpak is slower)\n\n");
        out.append("| scenario | raw Kafka | batpak | p99 batpak / raw | samples (raw / batpak) | target |\n");
        out.append("|---|--:|--:|--:|--:|---|\n");
        for (Comparison c : comparisons) {
            if (!c.hasLatencies() || c.kind() == Comparison.Kind.GRAPH) {
                continue;
            }
            String title = c.kind() == Comparison.Kind.LATENCY ? c.title() + " (open loop, from scheduled send)"
                    : c.title() + " (per call)";
            if (Target.cut(c.raw()) || Target.cut(c.batpak())) {
                title += " — cut when " + (Target.cut(c.batpak()) ? "batpak" : "raw") + " fell "
                        + settings.maxScheduleLag().toSeconds() + " s behind: percentiles cover only the events sent";
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s / %s | %s |%n", title,
                    quantiles(c.raw().latencies()), quantiles(c.batpak().latencies()), c.p99Ratio(),
                    count(c.raw().latencies().samples()), count(c.batpak().latencies().samples()),
                    c.kind() == Comparison.Kind.LATENCY ? c.targetIfAny().map(t -> t.verdict(c)).orElse("") : ""));
        }
        out.append("\nCPU per 1,000 records, ms (bench JVM + broker process; steadier than records/s on a shared"
                + " machine)\n\n");
        out.append("| scenario | raw Kafka | batpak | batpak / raw | of which sequencer threads |\n");
        out.append("|---|--:|--:|--:|--:|\n");
        for (Comparison c : comparisons) {
            double raw = c.raw().cpuMsPerThousand();
            double batpak = c.batpak().cpuMsPerThousand();
            if (Double.isNaN(raw) || Double.isNaN(batpak)) {
                continue;
            }
            Object sequencer = ((Map<?, ?>) c.batpak().extra().get("cpu")).get("sequencerThreadsMsPer1000");
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %s |%n", c.title(), raw, batpak,
                    batpak / raw, sequencer instanceof Number n && Double.isFinite(n.doubleValue())
                            ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "—"));
        }
        graphTable(out);
        for (Comparison c : comparisons) {
            if (c.kind() == Comparison.Kind.LATENCY) {
                out.append(String.format(Locale.ROOT, "%nOffered %,.0f events/s; sustained: raw %,.0f/s (%,d of %,d sent),"
                                + " batpak %,.0f/s (%,d of %,d sent).%n", rate(c.raw(), "offeredRatePerSec"),
                        rate(c.raw(), "achievedRatePerSec"), sent(c.raw(), "sentEvents"),
                        sent(c.raw(), "scheduledEvents"), rate(c.batpak(), "achievedRatePerSec"),
                        sent(c.batpak(), "sentEvents"), sent(c.batpak(), "scheduledEvents")));
            }
        }
        if (writes.get("perProposal") instanceof Number per) {
            out.append(String.format(Locale.ROOT, "%nThe sequencer wrote %.2f records per proposal (%,d proposals;"
                    + " journal, frontier and state-store changelogs, transaction markers included).%n",
                    per.doubleValue(), ((Number) writes.get("proposals")).longValue()));
        }
        out.append(String.format(Locale.ROOT, "%nMachine: %d cpus, %.1f GiB, Java %s (%s), %s. Commit %s%s. "
                        + "Run %s, mode %s, %.0f s; load average (1 min) %.2f at start, %.2f at end.%n",
                machine.cpus(), machine.memoryBytes() / (1024.0 * 1024 * 1024), machine.javaVersion(),
                machine.javaVm(), machine.os(), machine.shortCommit(),
                machine.dirty() ? " with uncommitted changes" : "", started, settings.mode(), seconds, loadStart,
                loadEnd));
        if (!experiment.isEmpty()) {
            out.append("Experiment (not a standard run): ").append(experiment).append('\n');
        }
        return out.toString();
    }

    /** The graph-walk rows, if any: walks/s, per-walk p50 / p99 and hops/s on each side. */
    private void graphTable(StringBuilder out) {
        List<Comparison> graph = comparisons.stream().filter(c -> c.kind() == Comparison.Kind.GRAPH).toList();
        if (graph.isEmpty()) {
            return;
        }
        out.append("\nGraph walks from the tip of a causal chain (raw: seek + poll per hop over an in-memory index;"
                + " walks/s and hops/s batpak/raw above 1 means batpak is faster)\n\n");
        out.append("| scenario | walks/s raw | walks/s batpak | ms per walk p50 / p99 raw | ms per walk p50 / p99"
                + " batpak | hops/s raw | hops/s batpak | batpak / raw | walks |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Comparison c : graph) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %s | %s / %s | %s | %s | %.2f | %d |%n",
                    c.title(), ms(GraphScenario.walksPerSecond(c.raw())), ms(GraphScenario.walksPerSecond(c.batpak())),
                    ms(c.raw().latencies().quantileMillis(0.5)), ms(c.raw().latencies().quantileMillis(0.99)),
                    ms(c.batpak().latencies().quantileMillis(0.5)), ms(c.batpak().latencies().quantileMillis(0.99)),
                    count(c.raw().recordsPerSecond()) + errors(c.raw()),
                    count(c.batpak().recordsPerSecond()) + errors(c.batpak()), c.throughputRatio(),
                    c.batpak().latencies().samples()));
        }
        graph.stream().map(c -> c.raw().extra().get("indexBuildSeconds")).filter(Number.class::isInstance)
                .findFirst().ifPresent(seconds -> out.append(String.format(Locale.ROOT, "%nThe raw side first read the"
                        + " journal once to index it (%,d records): %.2f s, not counted in its walks.%n",
                        ((Number) graph.get(0).raw().extra().get("indexRecords")).longValue(),
                        ((Number) seconds).doubleValue())));
    }

    private static double rate(Side side, String key) {
        return side.extra().get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long sent(Side side, String key) {
        return side.extra().get(key) instanceof Number n ? n.longValue() : -1;
    }

    private static String quantiles(Latencies l) {
        return String.format(Locale.ROOT, "%s / %s / %s", ms(l.quantileMillis(0.5)), ms(l.quantileMillis(0.99)),
                ms(l.quantileMillis(0.999)));
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String errors(Side side) {
        return side.errors() == 0 ? "" : " (" + side.errors() + " errors)";
    }
}
