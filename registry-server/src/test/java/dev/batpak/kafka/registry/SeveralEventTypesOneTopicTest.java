package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.registryserver.RegistryServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event-sourcing case: several record types in one topic, each under its own
 * {@code <topic>-<record>} subject (TopicRecordNameStrategy), against the real registry.
 */
class SeveralEventTypesOneTopicTest {

    private static RegistryServer server;

    private final String topic = "orders-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        server = RegistryServer.shared();
    }

    private Map<String, Object> config(String strategy) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "unused:9092");
        config.put(RegistryConfig.URL, server.ccompatUrl());
        config.put(RegistryConfig.VALUE_SUBJECT_NAME_STRATEGY, strategy);
        return config;
    }

    @SuppressWarnings("unchecked")
    private static <T> T configured(Class<?> type, Class<T> kind, Map<String, Object> config) throws Exception {
        Object instance = Utils.newInstance(type.getName(), kind);
        if (instance instanceof Serializer<?> serializer) {
            serializer.configure(config, false);
        } else {
            ((Deserializer<?>) instance).configure(config, false);
        }
        return (T) instance;
    }

    @Test
    void serializersNamedInConfigurationKeepEachTypeUnderItsOwnSubject() throws Exception {
        Map<String, Object> config = config("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");
        @SuppressWarnings("unchecked")
        Serializer<Object> serializer = configured(ConfluentAvroSerializer.class, Serializer.class, config);
        @SuppressWarnings("unchecked")
        Deserializer<Object> deserializer = configured(ConfluentAvroDeserializer.class, Deserializer.class, config);

        byte[] placed = serializer.serialize(topic, Avro.record(Avro.ORDER_PLACED, "orderId", "o-1", "amountCents", 1250L));
        byte[] shipped = serializer.serialize(topic, Avro.record(Avro.ORDER_SHIPPED, "orderId", "o-1", "carrier", "dhl"));

        GenericRecord first = assertInstanceOf(GenericRecord.class, deserializer.deserialize(topic, placed));
        GenericRecord second = assertInstanceOf(GenericRecord.class, deserializer.deserialize(topic, shipped));
        assertEquals("com.example.shop.OrderPlaced", first.getSchema().getFullName());
        assertEquals(1250L, first.get("amountCents"));
        assertEquals("dhl", second.get("carrier").toString());

        SchemaRegistry registry = SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl()));
        assertTrue(registry.subjects().containsAll(List.of(topic + "-com.example.shop.OrderPlaced",
                topic + "-com.example.shop.OrderShipped")), registry.subjects().toString());
        assertEquals(ConfluentWireFormat.schemaId(placed), registry.latest(topic + "-com.example.shop.OrderPlaced").id());
    }

    @Test
    void underTopicNameWithBackwardCompatibilityASecondTypeIsRefused() throws Exception {
        Map<String, Object> config = config("TopicNameStrategy");
        @SuppressWarnings("unchecked")
        Serializer<Object> serializer = configured(ConfluentAvroSerializer.class, Serializer.class, config);
        serializer.serialize(topic, Avro.record(Avro.ORDER_PLACED, "orderId", "o-2", "amountCents", 1L));
        SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl())).setCompatibility(topic + "-value",
                CompatibilityLevel.BACKWARD);

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> serializer.serialize(topic,
                Avro.record(Avro.ORDER_SHIPPED, "orderId", "o-2", "carrier", "ups")));

        assertEquals(SchemaRegistryException.Reason.INCOMPATIBLE, refused.reason());
    }

    @Test
    void typedPayloadsOfOneStoreGetOneSubjectPerTypeInTheJournalTopic() {
        String store = "shop-" + UUID.randomUUID();
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl(),
                RegistryConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy"), store);
        EventType<ShipmentBooked> booked = codecs.eventType(ShipmentBooked.class, EventKind.custom(2, 1), 2);

        Payload payload = booked.codec().encode(new ShipmentBooked("s-1", 2.5));
        codecs.registerSchemas();

        SchemaRegistry registry = codecs.registry().orElseThrow();
        String subject = store + ".journal-dev.batpak.kafka.registry.ShipmentBooked";
        assertEquals(payload.schemaId().getAsInt(), registry.latest(subject).id());
        assertEquals(ShipmentBooked.SCHEMA$, registry.schemaById(payload.schemaId().getAsInt()));
        assertTrue(registry.subjects().containsAll(List.of(store + ".proposals-dev.batpak.kafka.schemas.Proposal",
                store + ".journal-dev.batpak.kafka.schemas.JournalEvent",
                store + ".journal-dev.batpak.kafka.schemas.DenialTrace")), registry.subjects().toString());
        assertEquals(2.5, booked.codec().decode(payload).weightKg());
    }
}
