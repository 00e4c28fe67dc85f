package dev.batpak.kafka.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long and how hard each scenario runs. Two presets: {@link #standard()} (the recorded run,
 * at most about five minutes on two cores) and {@link #quick()} (a check that everything works,
 * under a minute); both run every scenario.
 *
 * @param mode {@code default} or {@code quick}, written into the results file name and content
 * @param lanes lanes of the batpak stores and partitions of the raw topics
 * @param entities distinct entities (record keys) the workload spreads over
 * @param warmup the uncounted run before each closed-loop measurement
 * @param measure the counted window of each closed-loop measurement
 * @param batchSize items per atomic batch (raw: records per producer transaction)
 * @param visibleEvents events per pipelined append-to-visible run
 * @param visibleCallers threads appending in the pipelined run
 * @param rate the offered rate of the latency scenario, events/s
 * @param lowRate the offered rate of the low-rate latency run (no target; the latency floor)
 * @param lowRateDuration the measured low-rate run
 * @param latencyWarmup the open-loop run before the measured one, at the same rate
 * @param latencyDuration the measured open-loop run
 * @param maxScheduleLag how far the open-loop run may fall behind its schedule before it is cut
 *     (the system cannot sustain the rate; going on would only lengthen the run)
 * @param latencyWorkers worker threads of the open-loop generator (enough to keep the rate
 *     while each waits for visibility)
 * @param replayRepeats measured replay passes per side (the median is reported)
 * @param waitTimeout the bound of every wait for visibility or arrival
 * @param graphDepths the depths of the causal chains the graph walks start from
 */
record BenchSettings(String mode, int lanes, int entities, Duration warmup, Duration measure, int batchSize,
        int visibleEvents, int visibleCallers, int rate, int lowRate, Duration lowRateDuration, Duration latencyWarmup, Duration latencyDuration,
        Duration maxScheduleLag, int latencyWorkers, int replayRepeats, Duration waitTimeout,
        List<Integer> graphDepths) {

    BenchSettings {
        graphDepths = List.copyOf(graphDepths);
    }

    /** The recorded run. */
    static BenchSettings standard() {
        return new BenchSettings("default", 4, 1_000, Duration.ofSeconds(2), Duration.ofSeconds(5), 100, 60_000, 64,
                5_000, 500, Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(20),
                Duration.ofSeconds(5), 500, 5, Duration.ofSeconds(120), List.of(10, 100, 1_000));
    }

    /** The quick check. */
    static BenchSettings quick() {
        return new BenchSettings("quick", 4, 1_000, Duration.ofMillis(300), Duration.ofMillis(800), 100, 2_000, 64,
                5_000, 500, Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(1_500),
                Duration.ofMillis(1_500), 500, 1, Duration.ofSeconds(60), List.of(10, 100));
    }

    /**
     * Timed walks per side at {@code depth}: 20 for short chains, 5 from depth 1,000 on, where
     * each raw walk is a thousand seeks and the numbers are already steady; 5 in the quick run.
     */
    int graphWalks(int depth) {
        return mode.equals("quick") ? 5 : depth >= 1_000 ? 5 : 20;
    }

    /** The form written to the results file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", mode);
        json.put("lanes", lanes);
        json.put("entities", entities);
        json.put("payloadBytes", Workload.PAYLOAD_BYTES);
        json.put("warmupSeconds", warmup.toMillis() / 1e3);
        json.put("measureSeconds", measure.toMillis() / 1e3);
        json.put("batchSize", batchSize);
        json.put("visibleEvents", visibleEvents);
        json.put("visibleCallers", visibleCallers);
        json.put("offeredRatePerSec", rate);
        json.put("lowRatePerSec", lowRate);
        json.put("lowRateSeconds", lowRateDuration.toMillis() / 1e3);
        json.put("latencyWarmupSeconds", latencyWarmup.toMillis() / 1e3);
        json.put("latencySeconds", latencyDuration.toMillis() / 1e3);
        json.put("maxScheduleLagSeconds", maxScheduleLag.toMillis() / 1e3);
        json.put("latencyWorkers", latencyWorkers);
        json.put("replayRepeats", replayRepeats);
        json.put("graphDepths", graphDepths);
        Map<String, Object> walks = new LinkedHashMap<>();
        for (int depth : graphDepths) {
            walks.put(Integer.toString(depth), graphWalks(depth));
        }
        json.put("graphWalksPerDepth", walks);
        return json;
    }
}
