package dev.batpak.kafka.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on the real broker: reactions and outbox records commit in one transaction with the
 * reactor's input position, so a failure mid-batch leaves neither behind, and the retry writes
 * each exactly once as read_committed readers see them.
 */
@ExtendWith(NoSilentSkips.class)
class OutboxBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("outbox");
    private final String outboxTopic = store + "-notifications";

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private void createTopics(boolean withOutbox) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, LANES, (short) 1, Duration.ofSeconds(30));
            if (withOutbox) {
                admin.createTopics(List.of(new NewTopic(outboxTopic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void reactionsAndOutboxRecordsAreAllOrNoneUnderAFailureMidBatch() throws Exception {
        createTopics(true);
        SequencerApp sequencer = new SequencerApp(SequencerConfig.builder(bootstrap, store)
                .stateDir(tempDir.resolve("sequencer")).build());
        open.add(sequencer);
        sequencer.start(WAIT);
        EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(LANES).build());
        open.add(events);
        AtomicReference<String> failOnce = new AtomicReference<>("o2");
        ReactorApp reactors = new ReactorApp(ReactorConfig.builder(bootstrap, store, "notify")
                .stateDir(tempDir.resolve("reactors"))
                // A long commit interval keeps o0..o4 in one transaction with the failure.
                .commitInterval(Duration.ofSeconds(1))
                .streamsOverride("consumer.session.timeout.ms", "6000")
                .streamsOverride("consumer.heartbeat.interval.ms", "1000")
                .build(), List.of(new OutboxReactor(outboxTopic, failOnce)));
        open.add(reactors);
        reactors.start(WAIT);

        Map<EventId, String> sources = new HashMap<>();
        List<AppendReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            receipts.add(events.append(Coordinate.of("order:o" + i, "shop"), ShippingReactor.PLACED,
                    new ShippingReactor.OrderPlaced("o" + i, i + 1), AppendOptions.none()));
        }
        for (int i = 0; i < receipts.size(); i++) {
            Outcome.Committed placed = assertInstanceOf(Outcome.Committed.class,
                    events.waitFor(receipts.get(i), Stage.EMITTED, WAIT), "PROPERTY: emitted reaches every event");
            sources.put(placed.event().eventId(), "o" + i);
        }
        assertTrue(reactors.retries() >= 1, "the injected failure rolled a batch back");
        assertEquals(null, failOnce.get(), "the failure was injected");

        Map<EventId, Integer> reactions = count(StoreTopics.of(store).proposals(), record -> {
            Proposal proposal = Codecs.PROPOSAL.decode(record.value());
            return proposal.getKind() == ShippingReactor.SHIPMENT_REQUESTED.raw()
                    ? EventId.fromBytes(proposal.getCauses().get(0).bytes()) : null;
        });
        Map<EventId, Integer> outbox = count(outboxTopic, record -> EventId.parse(new String(
                record.headers().lastHeader(OutboxRecord.CAUSATION_HEADER).value(), StandardCharsets.UTF_8)));
        for (Map.Entry<EventId, String> source : sources.entrySet()) {
            assertEquals(1, reactions.getOrDefault(source.getKey(), 0),
                    "PROPERTY: exactly one committed reaction for " + source.getValue());
            assertEquals(1, outbox.getOrDefault(source.getKey(), 0),
                    "PROPERTY: exactly one committed outbox record for " + source.getValue());
        }
        assertEquals(sources.keySet(), reactions.keySet(), "no reaction from a rolled-back batch");
        assertEquals(sources.keySet(), outbox.keySet(), "no outbox record from a rolled-back batch");
    }

    @Test
    void aMissingOutboxTopicIsRefusedAtStart() throws Exception {
        createTopics(false);
        ReactorApp reactors = new ReactorApp(ReactorConfig.builder(bootstrap, store, "notify")
                .stateDir(tempDir.resolve("reactors")).build(),
                List.of(new OutboxReactor(outboxTopic, new AtomicReference<>())));
        open.add(reactors);
        StoreConfigException refused = assertThrows(StoreConfigException.class, () -> reactors.start(WAIT));
        assertTrue(refused.getMessage().contains(outboxTopic), refused.getMessage());
    }

    /** Counts the records of {@code topic} a read_committed reader sees, by the source {@code sourceOf} names. */
    private Map<EventId, Integer> count(String topic, Function<ConsumerRecord<byte[], byte[]>, EventId> sourceOf) {
        Map<EventId, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            reader.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    EventId source = sourceOf.apply(record);
                    if (source != null) {
                        counts.merge(source, 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }
}
