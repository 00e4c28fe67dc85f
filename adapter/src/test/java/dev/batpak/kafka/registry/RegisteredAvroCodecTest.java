package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.payload.AvroCodec;
import dev.batpak.kafka.payload.PayloadDecodeException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Payloads that carry their schema id are read with the schema that wrote them. */
class RegisteredAvroCodecTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
    private final RegisteredAvroCodec<OrderPlaced> codec = RegisteredAvroCodec.of(OrderPlaced.class, registry,
            "dev.batpak.kafka.registry.OrderPlaced", true);

    @Test
    void theBodyIsPlainAvroAndTheIdTravelsBesideIt() {
        OrderPlaced order = new OrderPlaced("o-1", 1999, "USD");

        Payload payload = codec.encode(order);

        assertEquals(codec.schemaId(), payload.schemaId().getAsInt());
        assertArrayEquals(AvroCodec.of(OrderPlaced.class).encode(order).bytes(), payload.bytes());
        OrderPlaced back = codec.decode(payload);
        assertEquals("USD", back.currency());
        assertEquals(1999, back.amountCents());
        assertEquals("o-1", codec.decode(Payload.avro(payload.bytes())).orderId());
    }

    @Test
    void aPayloadWrittenWithACompatibleSchemaIsResolvedByItsId() {
        registry.setCompatibility("elsewhere", CompatibilityLevel.NONE);
        int id = registry.register("elsewhere", OrderSchemas.V3_WITH_NOTE);
        GenericRecord withNote = new GenericData.Record(OrderSchemas.V3_WITH_NOTE);
        withNote.put("orderId", "o-2");
        withNote.put("amountCents", 5L);
        withNote.put("currency", "CHF");
        withNote.put("note", "gift");

        OrderPlaced back = codec.decode(Payload.avro(OrderSchemas.avroBinary(withNote), id));

        assertEquals("o-2", back.orderId());
        assertEquals(5, back.amountCents());
        assertEquals("CHF", back.currency());
    }

    @Test
    void anIncompatibleWriterSchemaIsADecodeFailureThatPointsAtUpcasters() {
        int id = registry.register("v1", OrderSchemas.V1);

        PayloadDecodeException error = assertThrows(PayloadDecodeException.class,
                () -> codec.decode(Payload.avro(OrderSchemas.avroBinary(OrderSchemas.v1("o-3", 1.5)), id)));

        assertEquals(PayloadDecodeException.Reason.DECODE_FAILURE, error.reason());
        assertEquals("PAYLOAD_DECODE_FAILURE", error.code());
    }

    @Test
    void garbageIsADecodeFailure() {
        assertThrows(PayloadDecodeException.class, () -> codec.decode(Payload.avro(new byte[] {(byte) 0xff, 1})));
        assertThrows(PayloadDecodeException.class, () -> codec.decode(Payload.avro(new byte[] {2}, 999)));
        assertThrows(PayloadDecodeException.class, () -> codec.decode(Payload.json("{}")));
    }
}
