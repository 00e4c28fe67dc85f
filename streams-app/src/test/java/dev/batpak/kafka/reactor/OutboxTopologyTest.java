package dev.batpak.kafka.reactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox records on the TopologyTestDriver: where they go, their headers, and what is refused. */
class OutboxTopologyTest {

    private static final String STORE = "outbox-unit";
    private static final String OUTBOX = "orders.notifications";
    private static final Duration PUBLISH = Duration.ofMillis(10);

    @TempDir
    Path stateDir;

    private static JournalEvent placed(String order, long proposalOffset, byte[] correlation) {
        Payload payload = ShippingReactor.PLACED.codec().encode(new ShippingReactor.OrderPlaced(order, 2));
        return JournalEvent.newBuilder()
                .setEventId(new Id16(EventId.random().toBytes()))
                .setEntity("order:" + order)
                .setScope("shop")
                .setLane(0)
                .setClock(0)
                .setKind(ShippingReactor.ORDER_PLACED.raw())
                .setPayloadVersion(1)
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap(payload.bytes()))
                .setContentHash(new Hash32(Blake3.hash(payload.bytes())))
                .setCorrelationId(new Id16(correlation))
                .setHlc(1_000_000L << 16)
                .setPrevHash(new Hash32(new byte[32]))
                .setEventHash(new Hash32(new byte[32]))
                .setProposalOffset(proposalOffset)
                .build();
    }

    private TopologyTestDriver driver(Reactor reactor) {
        ReactorConfig config = ReactorConfig.builder("unused:9092", STORE, "notify").stateDir(stateDir).build();
        return new TopologyTestDriver(ReactorTopology.build(STORE, List.of(reactor), PUBLISH),
                ReactorApp.streamsProperties(config));
    }

    private static void pipe(TopologyTestDriver driver, JournalEvent event) {
        TestInputTopic<byte[], byte[]> journal = driver.createInputTopic(StoreTopics.of(STORE).journal(),
                new ByteArraySerializer(), new ByteArraySerializer());
        journal.pipeInput(event.getEntity().getBytes(StandardCharsets.UTF_8), Codecs.JOURNAL_EVENT.encode(event));
    }

    @Test
    void anOutboxRecordGoesToItsTopicWithItsHeadersAndTheSourcesCausationAndCorrelation() {
        try (TopologyTestDriver driver = driver(new OutboxReactor(OUTBOX, new AtomicReference<>()))) {
            byte[] correlation = EventId.random().toBytes();
            JournalEvent source = placed("o7", 0, correlation);
            pipe(driver, source);
            TestOutputTopic<byte[], byte[]> outbox = driver.createOutputTopic(OUTBOX, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            List<TestRecord<byte[], byte[]>> records = outbox.readRecordsToList();
            assertEquals(1, records.size());
            TestRecord<byte[], byte[]> record = records.get(0);
            assertArrayEquals("o7".getBytes(StandardCharsets.UTF_8), record.key());
            assertArrayEquals("placed o7".getBytes(StandardCharsets.UTF_8), record.value());
            assertArrayEquals("order-placed".getBytes(StandardCharsets.UTF_8),
                    record.headers().lastHeader("event-type").value());
            Header causation = record.headers().lastHeader(OutboxRecord.CAUSATION_HEADER);
            assertEquals(EventId.fromBytes(source.getEventId().bytes()).toString(),
                    new String(causation.value(), StandardCharsets.UTF_8), "the source event id");
            Header correlationHeader = record.headers().lastHeader(OutboxRecord.CORRELATION_HEADER);
            assertEquals(CorrelationId.fromBytes(correlation).toString(),
                    new String(correlationHeader.value(), StandardCharsets.UTF_8), "the source's correlation");
            TestOutputTopic<byte[], byte[]> proposals = driver.createOutputTopic(StoreTopics.of(STORE).proposals(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            assertEquals(1, proposals.readValuesToList().size(), "the reaction is proposed beside it");
        }
    }

    /** A reactor that writes to a topic it did not declare. */
    private static final class Undeclared implements Reactor {
        @Override
        public String name() {
            return "undeclared";
        }

        @Override
        public Set<EventKind> relevantKinds() {
            return Set.of(ShippingReactor.ORDER_PLACED);
        }

        @Override
        public List<Reaction> react(StoredEvent event) {
            return List.of();
        }

        @Override
        public ReactorOutput respond(StoredEvent event) {
            return ReactorOutput.of(List.of(), List.of(OutboxRecord.of("elsewhere", "k", "v")));
        }
    }

    @Test
    void anUndeclaredOutboxTopicFailsTheBatch() {
        try (TopologyTestDriver driver = driver(new Undeclared())) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> pipe(driver, placed("o1", 0, EventId.random().toBytes())));
            Throwable cause = failure;
            while (cause != null && !(cause instanceof ProjectionException)) {
                cause = cause.getCause();
            }
            assertTrue(cause instanceof ProjectionException, failure.toString());
            assertTrue(cause.getMessage().contains("elsewhere"), cause.getMessage());
        }
    }

    @Test
    void outboxTopicsMustBeValidAndNotTheStoresOwn() {
        assertThrows(ProjectionException.class, () -> ReactorTopology.build(STORE,
                List.of(new OutboxReactor(StoreTopics.of(STORE).proposals(), new AtomicReference<>())), PUBLISH));
        assertThrows(ProjectionException.class, () -> ReactorTopology.build(STORE,
                List.of(new OutboxReactor(STORE + ".notices", new AtomicReference<>())), PUBLISH),
                "the store's namespace is batpak's");
        assertThrows(ProjectionException.class, () -> ReactorTopology.build(STORE,
                List.of(new OutboxReactor("bad topic!", new AtomicReference<>())), PUBLISH));
        assertEquals(Set.of(OUTBOX), ReactorTopology.outboxTopics(STORE,
                List.of(new OutboxReactor(OUTBOX, new AtomicReference<>()))));
        assertThrows(IllegalArgumentException.class, () -> new OutboxRecord(OUTBOX, null, null,
                Map.of(OutboxRecord.CAUSATION_HEADER, new byte[0])), "batpak's headers are reserved");
    }
}
