package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.sequencer.state.CausalEntry;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The sequencer topology on a {@link TopologyTestDriver}: lane 0 only (the driver has one
 * partition per topic), offsets from 0, wall-clock punctuation under the test's control.
 */
final class SequencerDriver implements AutoCloseable {

    static final String STORE = "seqtest";

    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> proposals;
    private final TestOutputTopic<byte[], byte[]> journal;
    private final TestOutputTopic<byte[], byte[]> frontier;
    private final TestInputTopic<byte[], byte[]> causalIndex;
    private long nextOffset;
    private long wallMillis = System.currentTimeMillis();

    SequencerDriver(Path stateDir, SequencerTopology.Builder builder) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "seqtest");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, Instant.ofEpochMilli(wallMillis));
        StoreTopics topics = StoreTopics.of(STORE);
        proposals = driver.createInputTopic(topics.proposals(), new ByteArraySerializer(), new ByteArraySerializer());
        journal = driver.createOutputTopic(topics.journal(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        frontier = driver.createOutputTopic(topics.frontier(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        causalIndex = driver.createInputTopic(SequencerTopology.causalIndexTopic(STORE), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    SequencerDriver(Path stateDir) {
        this(stateDir, SequencerTopology.builder(STORE));
    }

    /** Sends a proposal; returns its offset. */
    long send(Proposal proposal) {
        return sendRaw(proposal.getEntity().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                TestProposals.encode(proposal));
    }

    /** Sends raw bytes; returns their offset. */
    long sendRaw(byte[] key, byte[] value) {
        proposals.pipeInput(key, value);
        return nextOffset++;
    }

    /**
     * Publishes a cross-lane causal index entry as another lane would (the driver has one lane,
     * so this is how a test makes an event on "another lane" visible).
     */
    void publishIndex(byte[] eventId, CausalEntry entry) {
        causalIndex.pipeInput(eventId, entry.encode());
    }

    /** The journal records written since the last call, in order. */
    List<JournalEvent> journal() {
        List<JournalEvent> events = new ArrayList<>();
        for (TestRecord<byte[], byte[]> record : journal.readRecordsToList()) {
            events.add(Codecs.JOURNAL_EVENT.decode(record.value()));
        }
        return events;
    }

    /** The frontier points written since the last call, in order. */
    List<FrontierPoint> frontier() {
        return frontierRecords().stream().map(kv -> kv.value).toList();
    }

    /** The frontier records written since the last call, with their keys, in order. */
    List<KeyValue<String, FrontierPoint>> frontierRecords() {
        List<KeyValue<String, FrontierPoint>> points = new ArrayList<>();
        for (TestRecord<byte[], byte[]> record : frontier.readRecordsToList()) {
            points.add(KeyValue.pair(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
                    Codecs.FRONTIER_POINT.decode(record.value())));
        }
        return points;
    }

    /** Moves the mock wall clock, firing wall-clock punctuators. */
    void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        wallMillis += duration.toMillis();
    }

    /** The mock wall clock, in Unix milliseconds. */
    long wallMillis() {
        return wallMillis;
    }

    KeyValueStore<Bytes, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** The denial trace inside a denial event. */
    static DenialTrace trace(JournalEvent denial) {
        ByteBuffer payload = denial.getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return Codecs.DENIAL_TRACE.decode(bytes);
    }

    /** The payload of an event as a string. */
    static String payload(JournalEvent event) {
        ByteBuffer payload = event.getPayload().duplicate();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
