package dev.batpak.kafka.reactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reactor topology on the TopologyTestDriver: reaction proposals and the emitted watermark. */
class ReactorTopologyTest {

    private static final String STORE = "react-unit";
    private static final Duration PUBLISH = Duration.ofMillis(10);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> journal;
    private TestInputTopic<byte[], byte[]> frontier;
    private TestOutputTopic<byte[], byte[]> proposals;
    private TestOutputTopic<byte[], byte[]> points;

    @BeforeEach
    void start() {
        ReactorConfig config = ReactorConfig.builder("unused:9092", STORE, "shipping").stateDir(stateDir).build();
        driver = new TopologyTestDriver(ReactorTopology.build(STORE,
                List.of(ShippingReactor.reactor(new AtomicReference<>())), PUBLISH), ReactorApp.streamsProperties(config));
        StoreTopics topics = StoreTopics.of(STORE);
        journal = driver.createInputTopic(topics.journal(), new ByteArraySerializer(), new ByteArraySerializer());
        frontier = driver.createInputTopic(topics.frontier(), new ByteArraySerializer(), new ByteArraySerializer());
        proposals = driver.createOutputTopic(topics.proposals(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        points = driver.createOutputTopic(topics.frontier(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private JournalEvent placed(String order, long proposalOffset, byte[] correlation) {
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

    private void pipe(JournalEvent event) {
        journal.pipeInput(event.getEntity().getBytes(StandardCharsets.UTF_8), Codecs.JOURNAL_EVENT.encode(event));
    }

    @Test
    void aReactionIsAKeyedProposalCausedByTheSourceInItsCorrelation() {
        byte[] correlation = EventId.random().toBytes();
        JournalEvent source = placed("o1", 0, correlation);
        pipe(source);

        List<Proposal> out = proposals.readValuesToList().stream().map(Codecs.PROPOSAL::decode).toList();
        assertEquals(1, out.size());
        Proposal reaction = out.get(0);
        EventId sourceId = EventId.fromBytes(source.getEventId().bytes());
        assertEquals("shipment:o1", reaction.getEntity());
        assertEquals(ShippingReactor.SHIPMENT_REQUESTED.raw(), reaction.getKind());
        assertEquals(1, reaction.getPayloadVersion());
        assertTrue(reaction.getKeyed(), "the event id is an idempotency key");
        assertArrayEquals(ReactionIds.key("shipping", sourceId, 0).toEventId().toBytes(),
                reaction.getEventId().bytes(), "derived from the reactor, the source and the index: retries dedupe");
        assertEquals(List.of(source.getEventId()), reaction.getCauses(), "causation = the source event");
        assertArrayEquals(correlation, reaction.getCorrelationId().bytes(), "correlation inherited");
        byte[] payload = new byte[reaction.getPayload().remaining()];
        reaction.getPayload().duplicate().get(payload);
        assertArrayEquals(Blake3.hash(payload), reaction.getContentHash().bytes());
        assertTrue(reaction.getHlc() > source.getHlc(), "the reaction's HLC follows its cause's");
    }

    @Test
    void emittedFollowsVisibleOnceTheReactionsAreForwarded() {
        for (int i = 0; i < 4; i++) {
            pipe(placed("o" + i, i, EventId.random().toBytes()));
        }
        frontier.pipeInput("0/VISIBLE".getBytes(StandardCharsets.UTF_8), Codecs.FRONTIER_POINT.encode(
                FrontierPoint.newBuilder().setStore(STORE).setLane(0).setStage(Stage.VISIBLE).setOffset(4)
                        .setPublishedAtMillis(0).setPublisher("test").build()));
        driver.advanceWallClockTime(PUBLISH.multipliedBy(2));
        List<FrontierPoint> emitted = points.readValuesToList().stream().map(Codecs.FRONTIER_POINT::decode)
                .filter(p -> p.getStage() == Stage.EMITTED).toList();
        assertEquals(1, emitted.size());
        assertEquals(4, emitted.get(0).getOffset());
        assertEquals(4, proposals.readValuesToList().size());
    }

    @Test
    void reactorNamesMustBeValidAndDistinct() {
        var reactor = ShippingReactor.reactor(new AtomicReference<>());
        assertThrows(ProjectionException.class, () -> ReactorTopology.build(STORE, List.of(reactor, reactor), PUBLISH));
        assertThrows(ProjectionException.class, () -> ReactorTopology.build(STORE, List.of(), PUBLISH));
    }
}
