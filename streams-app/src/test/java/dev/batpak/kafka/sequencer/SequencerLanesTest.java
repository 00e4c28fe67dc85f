package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.sequencer.internal.OutRecord;
import dev.batpak.kafka.sequencer.internal.SequencerProcessor;
import dev.batpak.kafka.sequencer.internal.SequencerSettings;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lanes are independent: the same entity on two lanes is two streams, bad input on one lane does
 * not touch another, each lane has its own frontier. (The topology test driver has one partition,
 * so this drives the processor directly with a mock context that sets the partition.)
 */
class SequencerLanesTest {

    @TempDir
    Path stateDir;

    @Test
    void sameEntityOnTwoLanesIsTwoIndependentStreams() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "lanes");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<byte[], OutRecord> context = new MockProcessorContext<>(props);
        context.setCurrentSystemTimeMs(System.currentTimeMillis());
        for (String name : List.of(StoreLayout.HEADS, StoreLayout.IDEMPOTENCY, StoreLayout.IDEMPOTENCY_AGE,
                StoreLayout.EVENTS, StoreLayout.BATCHES, StoreLayout.LANES, GraphLayout.STORE, StoreLayout.PENDING,
                StoreLayout.CAUSAL_INDEX)) {
            KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                    Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        SequencerProcessor processor = new SequencerProcessor(new SequencerSettings("lanes", "test", 1000, 100, 100,
                Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofMillis(50), GateSet.empty(), Optional.empty(), dev.batpak.kafka.registry.RecordCodecs.singleObject("lanes")));
        processor.init(context);

        long[] offsets = new long[2];
        int[] plan = {0, 1, 0, 0, 1, 1, 0};
        for (int i = 0; i < plan.length; i++) {
            int lane = plan[i];
            context.setRecordMetadata("lanes.proposals", lane, offsets[lane]++);
            byte[] value = i == 2 ? "garbage".getBytes(StandardCharsets.UTF_8)
                    : TestProposals.encode(proposal("shared", "lane " + lane + " #" + i).build());
            processor.process(new Record<>("shared".getBytes(StandardCharsets.UTF_8), value, 0L));
        }
        List<JournalEvent> journal = new ArrayList<>();
        for (var forward : context.forwarded(SequencerTopology.JOURNAL_SINK)) {
            JournalEvent event = Codecs.JOURNAL_EVENT.decode(forward.record().value().value());
            assertEquals(event.getLane(), forward.record().value().partition(),
                    "PROPERTY: a journal record goes to the partition of its lane");
            journal.add(event);
        }
        assertEquals(7, journal.size());
        assertEquals(3, Chains.verify(journal), "shared@lane0, shared@lane1 and lane 0's quarantine stream");
        Map<Integer, List<Long>> clocksOfShared = new TreeMap<>();
        for (JournalEvent e : journal) {
            if (e.getEntity().equals("shared")) {
                clocksOfShared.computeIfAbsent(e.getLane(), l -> new ArrayList<>()).add(e.getClock());
            }
        }
        assertEquals(Map.of(0, List.of(0L, 1L, 2L), 1, List.of(0L, 1L, 2L)), clocksOfShared);

        context.resetForwards();
        context.setCurrentSystemTimeMs(context.currentSystemTimeMs() + 10);
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(context.currentSystemTimeMs());
        Map<String, Long> frontier = new TreeMap<>();
        for (var forward : context.forwarded()) {
            assertEquals(0, forward.record().value().partition(), "frontier points go to partition 0");
            FrontierPoint point = Codecs.FRONTIER_POINT.decode(forward.record().value().value());
            frontier.put(new String(forward.record().key(), StandardCharsets.UTF_8), point.getOffset());
        }
        assertEquals(Map.of("0/ACCEPTED", 4L, "0/VISIBLE", 4L, "1/ACCEPTED", 3L, "1/VISIBLE", 3L), frontier);
    }
}
