package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.AvroCodec;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.payload.EventTypeRegistrationException;
import dev.batpak.kafka.payload.EventTypeRegistry;
import dev.batpak.kafka.payload.PayloadDecodeException;
import dev.batpak.kafka.payload.Upcaster;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** batpak's decoding rules (model §11.3): equal or 0 as is, older through the upcaster chain, newer refused. */
class UpcastingTest {

    private static final EventKind PLACED = EventKind.custom(1, 1);
    private static final EventKind NOTE = EventKind.custom(1, 2);

    /** v1 -> v2: rename id to orderId. */
    private static final Upcaster V1_TO_V2 = Upcaster.avro(1, OrderSchemas.V1, v1 -> {
        GenericRecord v2 = new GenericData.Record(OrderSchemas.V2);
        v2.put("orderId", v1.get("id"));
        v2.put("amount", v1.get("amount"));
        return v2;
    });

    /** v2 -> v3: cents instead of a double, and the currency every old order was in. */
    private static final Upcaster V2_TO_V3 = Upcaster.avro(2, OrderSchemas.V2, v2 -> {
        GenericRecord v3 = new GenericData.Record(OrderPlaced.SCHEMA$);
        v3.put("orderId", v2.get("orderId").toString());
        v3.put("amountCents", Math.round((Double) v2.get("amount") * 100));
        v3.put("currency", "EUR");
        return v3;
    });

    /** A JSON type at version 2: v1 had "text", v2 has "body". */
    record Note(String body) {
    }

    private static final Upcaster NOTE_V1_TO_V2 = Upcaster.json(1, tree -> {
        ObjectNode node = (ObjectNode) tree;
        node.set("body", node.remove("text"));
        return node;
    });

    private static EventType<OrderPlaced> placed() {
        return EventType.avro(OrderPlaced.class, PLACED, 3);
    }

    private static EventTypeRegistry registry() {
        return EventTypeRegistry.builder()
                .register(placed(), V2_TO_V3, V1_TO_V2)
                .register(EventType.json(Note.class, NOTE, 2), NOTE_V1_TO_V2)
                .build();
    }

    @Test
    void theCurrentVersionAndVersionZeroDecodeAsIs() {
        Payload current = AvroCodec.of(OrderPlaced.class).encode(new OrderPlaced("o-1", 250, "USD"));

        assertEquals("USD", registry().decode(placed(), PLACED, 3, current).currency());
        assertEquals("USD", registry().decode(placed(), PLACED, 0, current).currency());
    }

    @Test
    void anOlderAvroVersionRunsTheWholeChain() {
        Payload v1 = Payload.avro(OrderSchemas.avroBinary(OrderSchemas.v1("o-2", 12.34)));

        OrderPlaced order = registry().decode(placed(), PLACED, 1, v1);

        assertEquals("o-2", order.orderId());
        assertEquals(1234, order.amountCents());
        assertEquals("EUR", order.currency());
    }

    @Test
    void anOlderJsonVersionRunsItsChain() {
        EventType<Note> note = EventType.json(Note.class, NOTE, 2);

        assertEquals(new Note("hello"), registry().decode(note, NOTE, 1, Payload.json("{\"text\":\"hello\"}")));
        assertEquals(new Note("now"), registry().decode(note, NOTE, 2, Payload.json("{\"body\":\"now\"}")));
    }

    @Test
    void aNewerVersionIsAFutureVersionError() {
        Payload payload = AvroCodec.of(OrderPlaced.class).encode(new OrderPlaced("o-3", 1, "EUR"));

        PayloadDecodeException error = assertThrows(PayloadDecodeException.class,
                () -> registry().decode(placed(), PLACED, 4, payload));

        assertEquals(PayloadDecodeException.Reason.FUTURE_VERSION, error.reason());
        assertEquals("PAYLOAD_FUTURE_VERSION", error.code());
    }

    @Test
    void anIncompleteChainFailsAtRegistrationNotAtReadTime() {
        EventTypeRegistrationException error = assertThrows(EventTypeRegistrationException.class,
                () -> EventTypeRegistry.builder().register(placed(), V2_TO_V3));

        assertEquals(EventTypeRegistrationException.Reason.MISSING_STEP, error.reason());
        assertEquals("UPCAST_CHAIN_INCOMPLETE", error.code());
        assertTrue(error.getMessage().contains("[1]"), error.getMessage());
    }

    @Test
    void stepsAreCheckedForDuplicatesRangeAndFlavour() {
        assertEquals(EventTypeRegistrationException.Reason.DUPLICATE_STEP, assertThrows(EventTypeRegistrationException.class,
                () -> EventTypeRegistry.builder().register(placed(), V1_TO_V2, V1_TO_V2, V2_TO_V3)).reason());
        assertEquals(EventTypeRegistrationException.Reason.STEP_OUT_OF_RANGE, assertThrows(
                EventTypeRegistrationException.class, () -> EventTypeRegistry.builder().register(placed(), V1_TO_V2,
                        V2_TO_V3, Upcaster.avro(3, OrderPlaced.SCHEMA$, r -> r))).reason());
        assertEquals(EventTypeRegistrationException.Reason.WRONG_FLAVOUR, assertThrows(EventTypeRegistrationException.class,
                () -> EventTypeRegistry.builder().register(EventType.json(Note.class, NOTE, 2),
                        Upcaster.avro(1, OrderSchemas.V1, r -> r))).reason());
        assertEquals(EventTypeRegistrationException.Reason.DUPLICATE_TYPE, assertThrows(EventTypeRegistrationException.class,
                () -> EventTypeRegistry.builder().register(EventType.json(Note.class, NOTE, 1))
                        .register(EventType.json(Note.class, EventKind.custom(1, 3), 1))).reason());
    }

    @Test
    void anAvroStepWithoutASchemaNeedsARegistry() {
        EventTypeRegistry.Builder builder = EventTypeRegistry.builder()
                .register(EventType.avro(OrderPlaced.class, PLACED, 2), Upcaster.avro(1, r -> r));

        EventTypeRegistrationException error = assertThrows(EventTypeRegistrationException.class, builder::build);

        assertEquals(EventTypeRegistrationException.Reason.MISSING_SCHEMA, error.reason());
        assertEquals("UPCAST_CHAIN_INCOMPLETE", error.code());
    }

    @Test
    void withARegistryTheWriterSchemaOfAnOldPayloadComesFromItsId() {
        InMemorySchemaRegistry schemas = InMemorySchemaRegistry.create();
        schemas.setGlobalCompatibility(CompatibilityLevel.NONE);
        int v2Id = schemas.register("orders", OrderSchemas.V2);
        GenericRecord v2 = new GenericData.Record(OrderSchemas.V2);
        v2.put("orderId", "o-4");
        v2.put("amount", 0.5);
        EventTypeRegistry types = EventTypeRegistry.builder()
                .schemaRegistry(schemas)
                .register(EventType.avro(OrderPlaced.class, PLACED, 3), V1_TO_V2, Upcaster.avro(2, in -> {
                    GenericRecord out = new GenericData.Record(OrderPlaced.SCHEMA$);
                    out.put("orderId", in.get("orderId").toString());
                    out.put("amountCents", Math.round((Double) in.get("amount") * 100));
                    out.put("currency", "GBP");
                    return out;
                }))
                .build();

        OrderPlaced order = types.decode(EventType.avro(OrderPlaced.class, PLACED, 3), PLACED, 2,
                Payload.avro(OrderSchemas.avroBinary(v2), v2Id));

        assertEquals(50, order.amountCents());
        assertEquals("GBP", order.currency());
    }

    @Test
    void aFailingUpcasterIsADecodeFailureNamingTheStep() {
        EventTypeRegistry types = EventTypeRegistry.builder()
                .register(placed(), V1_TO_V2, Upcaster.avro(2, OrderSchemas.V2, r -> {
                    throw new IllegalStateException("boom");
                }))
                .build();
        Payload v1 = Payload.avro(OrderSchemas.avroBinary(OrderSchemas.v1("o-5", 1)));

        PayloadDecodeException error = assertThrows(PayloadDecodeException.class,
                () -> types.decode(placed(), PLACED, 1, v1));

        assertEquals(PayloadDecodeException.Reason.DECODE_FAILURE, error.reason());
        assertTrue(error.getMessage().contains("from version 2 to 3"), error.getMessage());
    }

    @Test
    void aKindMismatchIsRefused() {
        Payload payload = AvroCodec.of(OrderPlaced.class).encode(new OrderPlaced("o-6", 1, "EUR"));

        assertEquals(PayloadDecodeException.Reason.KIND_MISMATCH, assertThrows(PayloadDecodeException.class,
                () -> registry().decode(placed(), NOTE, 3, payload)).reason());
    }
}
