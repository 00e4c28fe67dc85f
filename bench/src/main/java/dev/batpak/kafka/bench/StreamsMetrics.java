package dev.batpak.kafka.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A snapshot of the sequencer's Kafka Streams thread metrics that explain its throughput: how
 * long it spends polling, processing, punctuating and committing, and how often. Written into
 * the results file beside the batpak side of the visible scenarios, for diagnosis (not compared).
 */
final class StreamsMetrics {

    private static final List<String> THREAD_METRICS = List.of("process-rate", "process-latency-avg",
            "process-latency-max", "process-records-avg", "poll-rate", "poll-latency-avg", "poll-records-avg",
            "commit-rate", "commit-latency-avg", "commit-latency-max", "punctuate-rate", "punctuate-latency-avg",
            "process-ratio", "poll-ratio", "commit-ratio", "punctuate-ratio", "blocked-time-ns-total");

    private StreamsMetrics() {
    }

    /** Thread-level metrics of {@code streams}, summed over its stream threads, by metric name. */
    static Map<String, Object> snapshot(KafkaStreams streams) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (!name.group().equals("stream-thread-metrics") || !THREAD_METRICS.contains(name.name())) {
                continue;
            }
            Object value = e.getValue().metricValue();
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                out.merge(name.name(), n.doubleValue(), (a, b) -> (Double) a + (Double) b);
            }
        }
        return out;
    }
}
