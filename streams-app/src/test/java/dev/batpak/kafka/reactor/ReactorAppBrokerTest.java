package dev.batpak.kafka.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testing.RunningStore;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reactors on the real in-JVM broker with the real sequencer and EventStore. */
@ExtendWith(NoSilentSkips.class)
class ReactorAppBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("react");
    private EventStore events;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ReactorApp start(AtomicReference<String> failOnce, Duration commitInterval) {
        RunningStore running = RunningStore.start(bootstrap, store, LANES, tempDir.resolve("sequencer"), WAIT);
        open.add(running);
        events = running.events();
        ReactorApp reactors = new ReactorApp(ReactorConfig.builder(bootstrap, store, "shipping")
                .stateDir(tempDir.resolve("reactors")).commitInterval(commitInterval)
                // The replaced thread's member leaves by session timeout: keep the retry quick.
                .streamsOverride("consumer.session.timeout.ms", "6000")
                .streamsOverride("consumer.heartbeat.interval.ms", "1000")
                .build(),
                List.of(ShippingReactor.reactor(failOnce)));
        open.add(reactors);
        reactors.start(WAIT);
        return reactors;
    }

    private Map<String, AppendReceipt> placeOrders(int count) {
        Map<String, AppendReceipt> receipts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String order = "o" + i;
            receipts.put(order, events.append(Coordinate.of("order:" + order, "shop"), ShippingReactor.PLACED,
                    new ShippingReactor.OrderPlaced(order, i + 1), AppendOptions.none()));
        }
        return receipts;
    }

    private StoredEvent reactionTo(EventId source) {
        EventId reaction = ReactionIds.key("shipping", source, 0).toEventId();
        return Conditions.awaitValue(WAIT, "the reaction to " + source + " is visible", () -> {
            try {
                return events.get(reaction, WAIT);
            } catch (EventNotFoundException | org.apache.kafka.common.errors.TimeoutException e) {
                return null;
            }
        });
    }

    @Test
    void waitForEmittedThenTheReactionIsChainedByCausationAndCorrelation() {
        start(new AtomicReference<>(), ReactorConfig.DEFAULT_COMMIT_INTERVAL);
        Map<String, AppendReceipt> receipts = placeOrders(4);
        for (Map.Entry<String, AppendReceipt> entry : receipts.entrySet()) {
            Outcome.Committed placed = assertInstanceOf(Outcome.Committed.class,
                    events.waitFor(entry.getValue(), Stage.EMITTED, WAIT), "PROPERTY: emitted reaches every event");
            StoredEvent reaction = reactionTo(placed.event().eventId());
            assertEquals(List.of(CausationId.of(placed.event().eventId())), reaction.causes(), "causation = source");
            assertEquals(placed.event().correlationId(), reaction.correlationId(), "correlation inherited");
            assertEquals("shipment:" + entry.getKey(), reaction.coordinate().entity());
            assertEquals(new ShippingReactor.ShipmentRequested(entry.getKey(), placed.event().payloadVersion() == 1
                    ? ShippingReactor.PLACED.decode(placed.event()).items() : -1),
                    ShippingReactor.REQUESTED.decode(reaction));
            assertTrue(reaction.hlc().compareTo(placed.event().hlc()) > 0, "an effect's HLC follows its cause's");
        }
        assertStageNeverPassedVisible(dev.batpak.kafka.schemas.Stage.EMITTED);
    }

    @Test
    void aReactorThatFailsMidBatchCommitsNothingOfItAndRetriesWithoutDuplicates() {
        AtomicReference<String> failOnce = new AtomicReference<>("o2");
        // A long commit interval keeps o0..o4 in one transaction with the failure.
        ReactorApp reactors = start(failOnce, Duration.ofSeconds(1));
        Map<String, AppendReceipt> receipts = placeOrders(5);
        Map<EventId, String> sources = new HashMap<>();
        for (Map.Entry<String, AppendReceipt> entry : receipts.entrySet()) {
            Outcome.Committed placed = assertInstanceOf(Outcome.Committed.class,
                    events.waitFor(entry.getValue(), Stage.EMITTED, WAIT));
            sources.put(placed.event().eventId(), entry.getKey());
        }
        assertTrue(reactors.retries() >= 1, "the injected failure rolled a batch back");
        assertEquals(null, failOnce.get(), "the failure was injected");

        // EMITTED means the reactions are committed proposals: count them as read_committed readers see them.
        Map<EventId, Integer> committed = reactionProposalsBySource("read_committed");
        for (EventId source : sources.keySet()) {
            assertEquals(1, committed.getOrDefault(source, 0),
                    "PROPERTY: exactly one committed reaction proposal for " + sources.get(source));
        }
        assertEquals(sources.size(), committed.size());
    }

    /** Counts the reaction proposals in the proposals topic by their source (primary cause). */
    private Map<EventId, Integer> reactionProposalsBySource(String isolation) {
        Map<EventId, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = reader(isolation)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                partitions.add(new TopicPartition(StoreTopics.of(store).proposals(), lane));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Proposal proposal = Codecs.PROPOSAL.decode(record.value());
                    if (proposal.getKind() == ShippingReactor.SHIPMENT_REQUESTED.raw()) {
                        Id16 cause = proposal.getCauses().get(0);
                        counts.merge(EventId.fromBytes(cause.bytes()), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    private KafkaConsumer<byte[], byte[]> reader(String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Reads the frontier topic in order: every point of {@code stage} is at most the lane's VISIBLE before it. */
    private void assertStageNeverPassedVisible(dev.batpak.kafka.schemas.Stage stage) {
        TopicPartition partition = new TopicPartition(StoreTopics.of(store).frontier(), 0);
        try (KafkaConsumer<byte[], byte[]> reader = reader("read_committed")) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            long end = reader.endOffsets(List.of(partition)).get(partition);
            Map<Integer, Long> visible = new HashMap<>();
            int seen = 0;
            while (reader.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    FrontierPoint point = Codecs.FRONTIER_POINT.decode(record.value());
                    if (point.getStage() == dev.batpak.kafka.schemas.Stage.VISIBLE) {
                        visible.merge(point.getLane(), point.getOffset(), Math::max);
                    } else if (point.getStage() == stage) {
                        seen++;
                        assertTrue(point.getOffset() <= visible.getOrDefault(point.getLane(), 0L), "PROPERTY: " + stage
                                + " " + point.getOffset() + " of lane " + point.getLane() + " never passes visible");
                    }
                }
            }
            assertTrue(seen > 0, stage + " points were published");
        }
    }
}
