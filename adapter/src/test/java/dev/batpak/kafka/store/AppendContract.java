package dev.batpak.kafka.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.AppendFailedException;
import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.AppendRequest;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchReceipt;
import dev.batpak.kafka.append.BatchTooLargeException;
import dev.batpak.kafka.append.GateDeniedException;
import dev.batpak.kafka.append.IdempotencyPartialBatchException;
import dev.batpak.kafka.append.InvalidCausationException;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.append.PayloadTooLargeException;
import dev.batpak.kafka.append.ReservedKindException;
import dev.batpak.kafka.append.UnknownLaneException;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.event.ExtensionKeyException;
import dev.batpak.kafka.frontier.LaneFrontier;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.frontier.WaitTimeoutException;
import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.KafkaTestBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The append path's contract: what {@link EventStore} promises on any Kafka broker. Subclasses
 * bind it to a broker (in-JVM always, Testcontainers where Docker runs).
 */
abstract class AppendContract {

    private static final EventKind KIND = EventKind.custom(1, 1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    abstract KafkaTestBroker broker();

    @Test
    void receiptsIncreasePerLaneAndLanesFollowKafkasKeyHash() throws Exception {
        StoreConfig config = TestStores.create(broker(), "lanes", 3).build();
        try (EventStore store = EventStore.open(config);
                KafkaProducer<String, String> plain = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            Map<Integer, Long> lastOffset = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                String entity = "order:" + i;
                AppendReceipt receipt = store.append(Coordinate.of(entity, "shop"), KIND, Payload.json("{\"i\":" + i + "}"));
                int plainPartition = plain.send(new ProducerRecord<>(StoreTopics.of(config.store()).journal(), entity,
                        "probe")).get().partition();
                assertEquals(plainPartition, receipt.lane(), "PROPERTY: the lane of an entity is the partition a plain"
                        + " keyed producer picks");
                Long previous = lastOffset.put(receipt.lane(), receipt.proposalOffset());
                if (previous != null) {
                    assertTrue(receipt.proposalOffset() > previous, "PROPERTY: receipts increase per lane");
                }
            }
        }
    }

    @Test
    void durableWaitReturnsAndLaterStagesTimeOutUntilTheFrontierTopicAnnouncesThem() throws Exception {
        StoreConfig config = TestStores.create(broker(), "waits", 2).build();
        try (EventStore store = EventStore.open(config)) {
            AppendReceipt receipt = store.append(Coordinate.of("alice", "wallet"), KIND, Payload.json("{}"));
            Outcome durable = store.waitFor(receipt, Stage.DURABLE, Duration.ofSeconds(1));
            assertEquals(new Outcome.Proposed(receipt, Stage.DURABLE), durable);
            LaneFrontier lane = store.frontier().lane(receipt.lane());
            assertTrue(lane.durable() > receipt.proposalOffset(), "durable covers the acknowledged append");
            assertTrue(lane.written() >= lane.durable());

            WaitTimeoutException timeout = assertThrows(WaitTimeoutException.class,
                    () -> store.waitFor(receipt, Stage.ACCEPTED, Duration.ofMillis(300)));
            assertEquals(Stage.ACCEPTED, timeout.stage());
            assertEquals(receipt.lane(), timeout.lane());
            assertEquals(receipt.proposalOffset(), timeout.target());
            assertEquals(Optional.of(receipt), timeout.receipt());

            publishFrontier(config.store(), receipt.lane(), Stage.ACCEPTED, receipt.proposalOffset() + 1);
            assertEquals(new Outcome.Proposed(receipt, Stage.ACCEPTED), store.waitFor(receipt, Stage.ACCEPTED, WAIT));
            LaneFrontier after = store.frontier().lane(receipt.lane());
            assertEquals(receipt.proposalOffset() + 1, after.accepted());
            assertEquals(0, after.visible(), "accepted does not imply visible");
            store.waitForLane(receipt.lane(), Stage.ACCEPTED, receipt.proposalOffset(), WAIT);
            assertThrows(WaitTimeoutException.class,
                    () -> store.waitForLane(receipt.lane(), Stage.VISIBLE, receipt.proposalOffset(), Duration.ofMillis(200)));
        }
    }

    @Test
    void eightThreadsTimesAThousandAppendsGetDistinctReceipts() throws Exception {
        StoreConfig config = TestStores.create(broker(), "concurrent", 4).build();
        int threads = 8;
        int perThread = 1000;
        Set<EventId> ids = ConcurrentHashMap.newKeySet();
        Set<String> positions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EventStore store = EventStore.open(config)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        AppendReceipt r = store.append(Coordinate.of("acct:" + thread + ":" + (i % 17), "bank"), KIND,
                                Payload.raw(new byte[] {(byte) i}));
                        ids.add(r.eventId());
                        positions.add(r.lane() + "@" + r.proposalOffset());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, ids.size(), "PROPERTY: every append has its own event id");
        assertEquals(threads * perThread, positions.size(), "PROPERTY: no two receipts share a lane offset");
    }

    @Test
    void aBatchIsSeenWholeOrNotAtAllIncludingOneAbortedHalfway() throws Exception {
        StoreConfig config = TestStores.create(broker(), "batch", 3).build();
        String proposals = StoreTopics.of(config.store()).proposals();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker().bootstrapServers()))) {
            // The broker refuses records over 4000 bytes, so a batch with a larger item fails after
            // its first items were sent inside the transaction.
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, proposals), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", "4000"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        Map<UUID, List<Proposal>> seen = new ConcurrentHashMap<>();
        Map<UUID, Integer> sizeAtFirstSight = new ConcurrentHashMap<>();
        List<String> torn = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readBatches(proposals, 3, seen, sizeAtFirstSight, torn, stop));
        reader.start();
        try (EventStore store = EventStore.open(config)) {
            List<BatchItem> good = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                good.add(BatchItem.of(Coordinate.of("cart:" + i, "shop"), KIND, Payload.json("{\"n\":" + i + "}")));
            }
            BatchReceipt first = store.appendBatch(good, AppendOptions.none());
            assertEquals(12, first.items().size());

            List<BatchItem> failing = new ArrayList<>(good);
            failing.set(6, BatchItem.of(Coordinate.of("cart:6", "shop"), KIND, Payload.raw(new byte[6000])));
            assertThrows(AppendFailedException.class, () -> store.appendBatch(failing, AppendOptions.none()));

            BatchReceipt last = store.appendBatch(good.subList(0, 5), AppendOptions.none());
            Conditions.await(WAIT, "the reader saw the last batch", () -> seen.containsKey(last.batchId())
                    && seen.get(last.batchId()).size() == 5);
            assertEquals(12, seen.get(first.batchId()).size(), "PROPERTY: a committed batch is seen whole");
            assertEquals(2, seen.size(), "PROPERTY: nothing of the aborted batch is visible to read_committed");
            assertTrue(torn.isEmpty(), "PROPERTY: no poll returned part of a batch: " + torn);
        } finally {
            stop.set(true);
            reader.join(10_000);
        }
    }

    @Test
    void batchItemsMayNameEarlierItemsAsCauses() throws Exception {
        StoreConfig config = TestStores.create(broker(), "cause", 2).build();
        try (EventStore store = EventStore.open(config)) {
            List<BatchItem> items = List.of(
                    BatchItem.of(Coordinate.of("order:1", "shop"), KIND, Payload.json("{}")),
                    BatchItem.of(Coordinate.of("invoice:1", "shop"), KIND, Payload.json("{}")).causedByItem(0));
            BatchReceipt receipt = store.appendBatch(items, AppendOptions.none());
            List<Proposal> read = readProposals(config.store(), 2, 2);
            Proposal effect = read.stream().filter(p -> p.getEntity().equals("invoice:1")).findFirst().orElseThrow();
            assertEquals(receipt.item(0).eventId(), EventId.fromBytes(effect.getCauses().get(0).bytes()),
                    "PROPERTY: PriorItem resolves to the earlier item's event id");
            assertThrows(InvalidCausationException.class, () -> store.appendBatch(List.of(
                    BatchItem.of(Coordinate.of("a", "s"), KIND, Payload.json("{}")).causedByItem(0)),
                    AppendOptions.none()));
            assertThrows(InvalidCausationException.class, () -> store.appendBatch(List.of(
                    BatchItem.of(Coordinate.of("a", "s"), KIND, Payload.json("{}")).causedByItem(1),
                    BatchItem.of(Coordinate.of("b", "s"), KIND, Payload.json("{}"))), AppendOptions.none()));
        }
    }

    @Test
    void aSecondProducerWithTheSameTransactionalIdFencesTheFirstAndItFailsClosed() throws Exception {
        StoreConfig.Builder builder = TestStores.create(broker(), "fence", 1).transactionalId("fence-" + UUID.randomUUID());
        EventStore first = EventStore.open(builder.build());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AppendReceipt receipt = first.append(Coordinate.of("a", "s"), KIND, Payload.json("{}"));
            Future<Throwable> waiter = pool.submit(() -> {
                try {
                    first.waitFor(receipt, Stage.VISIBLE, Duration.ofMinutes(2));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            try (EventStore second = EventStore.open(builder.build())) {
                assertNotNull(second);
                StoreFailedException failed = assertThrows(StoreFailedException.class, () -> first.appendBatch(
                        List.of(BatchItem.of(Coordinate.of("a", "s"), KIND, Payload.json("{}"))), AppendOptions.none()));
                assertEquals("STORE_FAILED", failed.code());
                assertInstanceOf(StoreFailedException.class, waiter.get(30, TimeUnit.SECONDS),
                        "PROPERTY: a waiter is released with the cause when the store fails");
                assertThrows(StoreFailedException.class,
                        () -> first.append(Coordinate.of("a", "s"), KIND, Payload.json("{}")));
                assertThrows(StoreFailedException.class, first::frontier);
                assertThrows(StoreFailedException.class,
                        () -> first.waitFor(receipt, Stage.DURABLE, Duration.ofSeconds(1)));
            }
        } finally {
            pool.shutdownNow();
            first.close();
        }
    }

    @Test
    void badInputGetsItsTypedErrorAndSendsNothing() throws Exception {
        StoreConfig config = TestStores.create(broker(), "bad", 2).maxPayloadBytes(1024).maxBatchItems(3).build();
        Coordinate coordinate = Coordinate.of("alice", "wallet");
        Gate<AppendRequest> noTags = Gate.of("no-tags", "refuses tags", r -> r.payload().text().contains("#")
                ? Optional.of(Denial.of("no-tags", "TAG", "tags are not allowed")) : Optional.empty());
        Gate<AppendRequest> broken = Gate.of("broken", "throws on boom", r -> {
            if (r.payload().text().contains("boom")) {
                throw new IllegalStateException("boom");
            }
            return Optional.empty();
        });
        try (EventStore store = EventStore.open(config, GateSet.of(noTags, broken))) {
            Map<TopicPartition, Long> before = endOffsets(config.store(), 2);
            assertEquals("RESERVED_KIND", assertThrows(ReservedKindException.class,
                    () -> store.append(coordinate, EventKind.SYSTEM_DENIAL, Payload.json("{}"))).code());
            assertThrows(ReservedKindException.class,
                    () -> store.append(coordinate, EventKind.EFFECT_ERROR, Payload.json("{}")));
            assertThrows(PayloadTooLargeException.class, () -> store.append(coordinate, KIND, Payload.raw(new byte[1025])));
            assertThrows(PayloadTooLargeException.class, () -> store.append(coordinate, KIND, Payload.raw(new byte[1000]),
                    AppendOptions.none().extension("app.blob", new byte[100])));
            assertThrows(UnknownLaneException.class,
                    () -> store.append(coordinate, KIND, Payload.json("{}"), AppendOptions.none().lane(2)));
            assertThrows(ExtensionKeyException.class, () -> AppendOptions.none().extension("batpak.mine", new byte[0]));
            assertThrows(ExtensionKeyException.class, () -> AppendOptions.none().extension("nodot", new byte[0]));
            GateDeniedException denied = assertThrows(GateDeniedException.class,
                    () -> store.append(coordinate, KIND, Payload.json("{\"tag\":\"#x\"}")));
            assertEquals("GATE_DENIED", denied.code());
            assertEquals("no-tags", denied.trace().failingGate());
            assertEquals("GATE_DEFECT", assertThrows(GateDeniedException.class,
                    () -> store.append(coordinate, KIND, Payload.json("\"boom\""))).code());
            assertThrows(BatchTooLargeException.class, () -> store.appendBatch(List.of(), AppendOptions.none()));
            BatchItem item = BatchItem.of(coordinate, KIND, Payload.json("{}"));
            assertThrows(BatchTooLargeException.class,
                    () -> store.appendBatch(List.of(item, item, item, item), AppendOptions.none()));
            assertThrows(IdempotencyPartialBatchException.class, () -> store.appendBatch(List.of(
                    item.withOptions(AppendOptions.none().idempotencyKey(IdempotencyKey.forOperation("t", "1"))), item),
                    AppendOptions.none()));
            assertThrows(IdempotencyPartialBatchException.class, () -> store.appendBatch(List.of(
                    item.withOptions(AppendOptions.none().idempotencyKey(IdempotencyKey.forOperation("t", "1"))),
                    item.withOptions(AppendOptions.none().idempotencyKey(IdempotencyKey.forOperation("t", "1")))),
                    AppendOptions.none()));
            IdempotencyKey self = IdempotencyKey.forOperation("t", "self");
            assertThrows(InvalidCausationException.class, () -> store.append(coordinate, KIND, Payload.json("{}"),
                    AppendOptions.none().idempotencyKey(self).causedBy(self.toEventId())));
            assertEquals(before, endOffsets(config.store(), 2), "PROPERTY: refused input sends nothing");
            store.close();
            assertEquals("STORE_CLOSED", assertThrows(StoreClosedException.class,
                    () -> store.append(coordinate, KIND, Payload.json("{}"))).code());
        }
    }

    @Test
    void openingChecksTheTopicsAndSaysWhatIsWrong() {
        StoreConfig config = TestStores.create(broker(), "shape", 2).build();
        StoreConfig wrongLanes = StoreConfig.builder(config.bootstrapServers(), config.store()).lanes(3).build();
        StoreTopicsException wrong = assertThrows(StoreTopicsException.class, () -> EventStore.open(wrongLanes));
        assertTrue(wrong.getMessage().contains("batpak topics create"), wrong.getMessage());
        StoreConfig missing = StoreConfig.builder(config.bootstrapServers(), config.store() + "-missing").build();
        assertThrows(StoreTopicsException.class, () -> EventStore.open(missing));
    }

    private void publishFrontier(String store, int lane, Stage stage, long offset) throws Exception {
        FrontierPoint point = FrontierPoint.newBuilder().setStore(store).setLane(lane)
                .setStage(dev.batpak.kafka.schemas.Stage.valueOf(stage.name())).setOffset(offset)
                .setPublishedAtMillis(System.currentTimeMillis()).setPublisher("test").build();
        ByteBuffer value = point.toByteBuffer();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker().bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(StoreTopics.of(store).frontier(), 0,
                    (lane + "/" + stage).getBytes(StandardCharsets.UTF_8), bytes)).get();
        }
    }

    private Map<TopicPartition, Long> endOffsets(String store, int lanes) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                partitions.add(new TopicPartition(StoreTopics.of(store).proposals(), lane));
            }
            return consumer.endOffsets(partitions);
        }
    }

    private List<Proposal> readProposals(String store, int lanes, int expected) throws Exception {
        List<Proposal> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                partitions.add(new TopicPartition(StoreTopics.of(store).proposals(), lane));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Conditions.await(WAIT, expected + " proposals read", () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    out.add(decode(record.value()));
                }
                return out.size() >= expected;
            });
        }
        return out;
    }

    private void readBatches(String topic, int lanes, Map<UUID, List<Proposal>> seen, Map<UUID, Integer> sizes,
            List<String> torn, AtomicBoolean stop) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                partitions.add(new TopicPartition(topic, lane));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Proposal proposal = decode(record.value());
                    UUID batch = batchId(proposal);
                    seen.computeIfAbsent(batch, b -> Collections.synchronizedList(new ArrayList<>())).add(proposal);
                    sizes.putIfAbsent(batch, proposal.getBatch().getSize());
                }
                // Whenever the reader has caught up with every lane's last stable offset, every
                // batch it has seen must be complete: a read_committed reader never sees part of one.
                if (caughtUp(consumer, partitions)) {
                    seen.forEach((batch, items) -> {
                        if (items.size() != sizes.get(batch)) {
                            torn.add(batch + ": " + items.size() + " of " + sizes.get(batch));
                        }
                    });
                }
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker().bootstrapServers(), "isolation.level",
                "read_committed", "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Proposal decode(byte[] value) {
        try {
            return Proposal.fromByteBuffer(ByteBuffer.wrap(value));
        } catch (Exception e) {
            throw new AssertionError("undecodable proposal", e);
        }
    }

    private static UUID batchId(Proposal proposal) {
        assertNotNull(proposal.getBatch(), "batch proposals carry their batch membership");
        ByteBuffer id = ByteBuffer.wrap(proposal.getBatch().getBatchId().bytes());
        return new UUID(id.getLong(), id.getLong());
    }
}
