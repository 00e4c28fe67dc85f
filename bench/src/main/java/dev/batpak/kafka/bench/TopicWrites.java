package dev.batpak.kafka.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the visible pipeline wrote per appended proposal, topic by topic: the journal,
 * the frontier and every changelog of the sequencer's state stores. Counted from the end offsets,
 * so transaction markers (one per partition per commit) are included. Independent of the
 * machine's load, this says how much work the broker does per event.
 */
final class TopicWrites {

    private TopicWrites() {
    }

    /**
     * Records per topic whose name starts with one of {@code prefixes}, and per proposal of
     * {@code proposalsTopic}.
     */
    static Map<String, Object> count(String bootstrap, String proposalsTopic, List<String> prefixes)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> prefixes.stream().anyMatch(t::startsWith)).sorted().toList();
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            described.forEach((name, d) -> d.partitions().forEach(p ->
                    request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                    .get(30, TimeUnit.SECONDS);
            Map<String, Long> perTopic = new TreeMap<>();
            ends.forEach((tp, info) -> perTopic.merge(tp.topic(), info.offset(), Long::sum));
            long proposals = perTopic.getOrDefault(proposalsTopic, 0L);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("proposals", proposals);
            long written = 0;
            Map<String, Object> topicsJson = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : perTopic.entrySet()) {
                if (e.getKey().equals(proposalsTopic)) {
                    continue;
                }
                written += e.getValue();
                topicsJson.put(e.getKey(), Map.of("records", e.getValue(), "perProposal",
                        proposals == 0 ? Double.NaN : e.getValue() / (double) proposals));
            }
            json.put("recordsWrittenBySequencer", written);
            json.put("perProposal", proposals == 0 ? Double.NaN : written / (double) proposals);
            json.put("topics", topicsJson);
            return json;
        }
    }
}
