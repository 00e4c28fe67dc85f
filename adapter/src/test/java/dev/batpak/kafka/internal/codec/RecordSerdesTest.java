package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.FrontierPoint;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.RecordEncodingException;
import dev.batpak.kafka.testing.SampleRecords;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The per-record serializers and deserializers: round trips, tombstones, garbage, configuration by class name. */
class RecordSerdesTest {

    private static final String TOPIC = "shop.proposals";

    @Test
    void proposalsRoundTrip() {
        Proposal p = SampleRecords.proposal("order-1");
        byte[] bytes = new ProposalSerializer().serialize(TOPIC, p);
        assertEquals(Decoded.ok(p), new ProposalDeserializer().deserialize(TOPIC, bytes));
        assertEquals(Decoded.ok(p), new ProposalDeserializer().deserialize(TOPIC, new RecordHeaders(), bytes));
        assertEquals(Decoded.ok(p), new ProposalDeserializer().deserialize(TOPIC, new RecordHeaders(), java.nio.ByteBuffer.wrap(bytes)));
    }

    @Test
    void journalEventsRoundTrip() {
        JournalEvent e = SampleRecords.journalEvent("order-1");
        byte[] bytes = new JournalEventSerializer().serialize("shop.journal", e);
        assertEquals(Decoded.ok(e), new JournalEventDeserializer().deserialize("shop.journal", bytes));
    }

    @Test
    void frontierPointsRoundTrip() {
        FrontierPoint f = SampleRecords.frontierPoint();
        byte[] bytes = new FrontierPointSerializer().serialize("shop.frontier", f);
        assertEquals(Decoded.ok(f), new FrontierPointDeserializer().deserialize("shop.frontier", bytes));
    }

    @Test
    void tombstonesStayTombstones() {
        assertNull(new ProposalSerializer().serialize(TOPIC, null));
        assertNull(new ProposalDeserializer().deserialize(TOPIC, null));
        assertNull(new FrontierPointDeserializer().deserialize("shop.frontier", new RecordHeaders(), (java.nio.ByteBuffer) null));
    }

    @Test
    void garbageIsMalformedNotAnException() {
        byte[][] garbage = {new byte[0], {0}, {0, 0, 0, 0, 1, 2, 3}, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)};
        for (byte[] bytes : garbage) {
            Decoded<Proposal> decoded = new ProposalDeserializer().deserialize(TOPIC, bytes);
            Decoded.Malformed<?> malformed = assertInstanceOf(Decoded.Malformed.class, decoded);
            assertArrayEquals(bytes, malformed.raw());
        }
    }

    @Test
    void theWrongRecordTypeIsMalformedAndSaysWhatItIs() {
        byte[] journalBytes = new JournalEventSerializer().serialize("shop.journal", SampleRecords.journalEvent("a"));
        Decoded.Malformed<?> malformed = assertInstanceOf(Decoded.Malformed.class,
                new ProposalDeserializer().deserialize(TOPIC, journalBytes));
        assertEquals("UNKNOWN_SCHEMA", malformed.code());
        assertTrue(malformed.reason().contains("JournalEvent v1"), malformed.reason());
    }

    @Test
    void anUnencodableRecordIsASerializationExceptionNamingTheField() {
        Proposal p = SampleRecords.proposal("order-1");
        p.setEventId(new Id16(new byte[3]));
        SerializationException e = assertThrows(SerializationException.class, () -> new ProposalSerializer().serialize(TOPIC, p));
        assertInstanceOf(RecordEncodingException.class, e.getCause());
        assertTrue(e.getMessage().contains("Proposal.eventId") && e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void everyClassIsUsableByNameInKafkaConfiguration() {
        Map<String, Object> consumer = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProposalDeserializer.class.getName());
        ConsumerConfig consumerConfig = new ConsumerConfig(consumer);
        Deserializer<?> deserializer = consumerConfig.getConfiguredInstance(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, Deserializer.class);
        assertInstanceOf(ProposalDeserializer.class, deserializer);

        for (Class<?> type : new Class<?>[] {ProposalSerializer.class, JournalEventSerializer.class, FrontierPointSerializer.class}) {
            ProducerConfig producerConfig = new ProducerConfig(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, type.getName()));
            Serializer<?> serializer = producerConfig.getConfiguredInstance(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, Serializer.class);
            assertInstanceOf(type, serializer);
            serializer.configure(Map.of(), false);
            serializer.close();
        }
        for (Class<?> type : new Class<?>[] {ProposalDeserializer.class, JournalEventDeserializer.class, FrontierPointDeserializer.class}) {
            ConsumerConfig config = new ConsumerConfig(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, type.getName()));
            Deserializer<?> d = config.getConfiguredInstance(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, Deserializer.class);
            assertInstanceOf(type, d);
            d.configure(Map.of(), false);
            d.close();
        }
    }

    @Test
    void theDecodedSerdePassesMalformedBytesThroughUnchanged() {
        DecodedSerde<Proposal> serde = DecodedSerde.proposals();
        Proposal p = SampleRecords.proposal("order-1");
        byte[] valid = serde.serializer().serialize(TOPIC, Decoded.ok(p));
        assertEquals(Decoded.ok(p), serde.deserializer().deserialize(TOPIC, valid));
        byte[] garbage = {(byte) 0xC3, 0x01, 1};
        Decoded<Proposal> bad = serde.deserializer().deserialize(TOPIC, garbage);
        assertArrayEquals(garbage, serde.serializer().serialize(TOPIC, bad));
        assertNull(serde.serializer().serialize(TOPIC, null));
        assertNull(serde.deserializer().deserialize(TOPIC, null));
        assertEquals(Decoded.ok(SampleRecords.journalEvent("x")), DecodedSerde.journalEvents().deserializer()
                .deserialize("j", DecodedSerde.journalEvents().serializer().serialize("j", Decoded.ok(SampleRecords.journalEvent("x")))));
        assertEquals(Decoded.ok(SampleRecords.frontierPoint()), DecodedSerde.frontierPoints().deserializer()
                .deserialize("f", DecodedSerde.frontierPoints().serializer().serialize("f", Decoded.ok(SampleRecords.frontierPoint()))));
        Proposal broken = SampleRecords.proposal("x");
        broken.setEntity(null);
        assertThrows(SerializationException.class, () -> serde.serializer().serialize(TOPIC, Decoded.ok(broken)));
    }
}
