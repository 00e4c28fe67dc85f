package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serializer and deserializer as Kafka builds them: by class name, configured with a map. */
class ConfluentAvroSerdeTest {

    private final String scope = "serde-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    private Map<String, Object> config(Object... extra) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "mock://" + scope);
        config.put("bootstrap.servers", "ignored:9092");
        for (int i = 0; i < extra.length; i += 2) {
            config.put((String) extra[i], extra[i + 1]);
        }
        return config;
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializer(Map<String, Object> config) throws ClassNotFoundException {
        Serializer<Object> serializer = Utils.newInstance(ConfluentAvroSerializer.class.getName(), Serializer.class);
        serializer.configure(config, false);
        return serializer;
    }

    @SuppressWarnings("unchecked")
    private static Deserializer<Object> deserializer(Map<String, Object> config) throws ClassNotFoundException {
        Deserializer<Object> deserializer = Utils.newInstance(ConfluentAvroDeserializer.class.getName(), Deserializer.class);
        deserializer.configure(config, false);
        return deserializer;
    }

    @Test
    void specificRecordsRoundTripAndRegisterUnderTheTopicSubject() throws Exception {
        Map<String, Object> config = config("specific.avro.reader", "true");
        byte[] bytes = serializer(config).serialize("orders", new OrderPlaced("o-1", 1250, "EUR"));

        Object back = deserializer(config).deserialize("orders", bytes);

        OrderPlaced order = assertInstanceOf(OrderPlaced.class, back);
        assertEquals("o-1", order.orderId());
        assertEquals(1250, order.amountCents());
        assertEquals(List.of("orders-value"), InMemorySchemaRegistry.scope(scope).subjects());
        assertEquals(1, ConfluentWireFormat.schemaId(bytes));
    }

    @Test
    void withoutTheSpecificReaderValuesComeBackGeneric() throws Exception {
        Map<String, Object> config = config();
        byte[] bytes = serializer(config).serialize("orders", new OrderShipped("o-2", "dhl"));

        GenericRecord back = assertInstanceOf(GenericRecord.class, deserializer(config).deserialize("orders", bytes));

        assertEquals("o-2", back.get("orderId").toString());
        assertEquals("dhl", back.get("carrier").toString());
    }

    @Test
    void topicRecordNameLetsSeveralEventTypesShareOneTopic() throws Exception {
        Map<String, Object> config = config("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy", "specific.avro.reader", true);
        Serializer<Object> serializer = serializer(config);
        Deserializer<Object> deserializer = deserializer(config);

        byte[] placed = serializer.serialize("orders", new OrderPlaced("o-3", 99, "EUR"));
        byte[] shipped = serializer.serialize("orders", new OrderShipped("o-3", "ups"));

        assertInstanceOf(OrderPlaced.class, deserializer.deserialize("orders", placed));
        assertInstanceOf(OrderShipped.class, deserializer.deserialize("orders", shipped));
        assertEquals(List.of("orders-dev.batpak.kafka.registry.OrderPlaced", "orders-dev.batpak.kafka.registry.OrderShipped"),
                InMemorySchemaRegistry.scope(scope).subjects());
    }

    @Test
    void underTopicNameASecondRecordTypeInTheTopicIsRefusedByBackwardCompatibility() throws Exception {
        Serializer<Object> serializer = serializer(config());
        serializer.serialize("orders", new OrderPlaced("o-4", 1, "EUR"));

        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> serializer.serialize("orders", new OrderShipped("o-4", "ups")));

        assertEquals(SchemaRegistryException.Reason.INCOMPATIBLE, refused.reason());
        assertEquals("SCHEMA_REGISTRY_INCOMPATIBLE", refused.code());
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsATypedNotFound() throws Exception {
        Serializer<Object> serializer = serializer(config("auto.register.schemas", "false"));

        SchemaRegistryException missing = assertThrows(SchemaRegistryException.class,
                () -> serializer.serialize("orders", new OrderShipped("o-5", "ups")));
        assertEquals(SchemaRegistryException.Reason.NOT_FOUND, missing.reason());

        InMemorySchemaRegistry.scope(scope).register("orders-value", OrderShipped.SCHEMA$);
        assertEquals(1, ConfluentWireFormat.schemaId(serializer.serialize("orders", new OrderShipped("o-5", "ups"))));
    }

    @Test
    void primitivesAndTombstones() throws Exception {
        Map<String, Object> config = config();
        Serializer<Object> serializer = serializer(config);
        Deserializer<Object> deserializer = deserializer(config);

        assertEquals("hello", deserializer.deserialize("words", serializer.serialize("words", "hello")).toString());
        assertEquals(42L, deserializer.deserialize("numbers", serializer.serialize("numbers", 42L)));
        assertNull(serializer.serialize("words", null));
        assertNull(deserializer.deserialize("words", null));
        assertThrows(SerializationException.class, () -> serializer.serialize("words", new Object()));
    }

    @Test
    void bytesThatAreNotTheWireFormatOrNameAnUnknownIdAreSerializationErrors() throws Exception {
        Deserializer<Object> deserializer = deserializer(config());

        SerializationException notFramed = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("orders", new byte[] {(byte) 0xC3, 1, 2, 3, 4, 5}));
        assertTrue(notFramed.getMessage().contains("first byte C3"), notFramed.getMessage());

        SerializationException unknown = assertThrows(SerializationException.class,
                () -> deserializer.deserialize("orders", ConfluentWireFormat.frame(999, new byte[] {2})));
        assertTrue(unknown.getMessage().contains("schema id 999"), unknown.getMessage());
    }

    @Test
    void aTruncatedBodyIsASerializationError() throws Exception {
        Map<String, Object> config = config();
        byte[] bytes = serializer(config).serialize("orders", new OrderShipped("order-with-a-long-id", "dhl"));
        byte[] truncated = Arrays.copyOf(bytes, 9);

        assertThrows(SerializationException.class, () -> deserializer(config).deserialize("orders", truncated));
    }

    @Test
    void aMissingUrlIsATypedConfigurationError() throws Exception {
        Serializer<?> serializer = Utils.newInstance(ConfluentAvroSerializer.class.getName(), Serializer.class);

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> serializer.configure(Map.of("bootstrap.servers", "x:1"), false));

        assertEquals("SCHEMA_REGISTRY_INVALID_CONFIG", error.code());
        assertTrue(error.getMessage().contains("schema.registry.url"), error.getMessage());
    }
}
