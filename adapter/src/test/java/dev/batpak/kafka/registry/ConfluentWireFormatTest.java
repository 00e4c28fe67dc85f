package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Pins the schema registry wire format byte for byte; no registry server needed. */
class ConfluentWireFormatTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void specificRecordIsMagicZeroThenBigEndianIdThenAvroBinary() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(new FixedIdRegistry(42), RegistryConfig.of("mock://pin"));

        byte[] bytes = serializer.serialize("orders", new OrderShipped("o-1", "dhl"));

        // 00 | 00 00 00 2a (42) | 06 "o-1" | 06 "dhl"  (Avro strings: zig-zag length 3 = 06, then UTF-8)
        assertEquals("000000002a066f2d310664686c", HEX.formatHex(bytes));
    }

    @Test
    void genericRecordWithTheSameSchemaWritesTheSameBytes() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(new FixedIdRegistry(42), RegistryConfig.of("mock://pin"));
        GenericRecord generic = new GenericData.Record(OrderShipped.SCHEMA$);
        generic.put("orderId", "o-1");
        generic.put("carrier", "dhl");

        assertEquals("000000002a066f2d310664686c", HEX.formatHex(serializer.serialize("orders", generic)));
    }

    @Test
    void theIdIsFourBytesBigEndian() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(new FixedIdRegistry(0x7F0102FF),
                RegistryConfig.of("mock://pin"));

        byte[] bytes = serializer.serialize("orders", new OrderShipped("", ""));

        assertEquals("007f0102ff0000", HEX.formatHex(bytes));
        assertEquals(0x7F0102FF, ConfluentWireFormat.schemaId(bytes));
    }

    @Test
    void aBatpakRecordFramedForTheRegistryHasTheSameBodyAsItsSingleObjectEncoding() {
        FixedIdRegistry registry = new FixedIdRegistry(7);
        FramedRecordCodec<FrontierPoint> codec = FramedRecordCodec.registry(FrontierPoint.class, Codecs.FRONTIER_POINT,
                registry, "shop.frontier-value", true);
        FrontierPoint point = new FrontierPoint("shop", 3, Stage.VISIBLE, 100L, 1_700_000_000_000L, "p");

        byte[] framed = codec.encode(point);
        byte[] singleObject = Codecs.FRONTIER_POINT.encode(point);

        assertEquals("0000000007", HEX.formatHex(framed, 0, 5));
        assertArrayEquals(Arrays.copyOfRange(singleObject, 10, singleObject.length),
                Arrays.copyOfRange(framed, 5, framed.length));
        // store "shop" = 08 73686f70, lane 3 = 06, stage VISIBLE (index 3) = 06, offset 100 = c801
        assertEquals("0873686f700606c801", HEX.formatHex(framed, 5, 14));
        assertEquals(point, codec.decode(framed));
    }

    @Test
    void framingHelpersAgreeWithEachOther() {
        byte[] framed = ConfluentWireFormat.frame(258, new byte[] {9, 8});

        assertEquals("000000010209 08".replace(" ", ""), HEX.formatHex(framed));
        assertTrue(ConfluentWireFormat.isFramed(framed));
        assertEquals(258, ConfluentWireFormat.schemaId(framed));
        assertArrayEquals(new byte[] {9, 8}, ConfluentWireFormat.body(framed));
        assertEquals(Framing.CONFLUENT, Framing.detect(framed));
        assertEquals(Framing.SINGLE_OBJECT, Framing.detect(Codecs.FRONTIER_POINT.encode(
                new FrontierPoint("s", 0, Stage.WRITTEN, 0L, 0L, ""))));
        assertEquals(Framing.UNKNOWN, Framing.detect(new byte[] {0, 0, 0}));
        assertFalse(ConfluentWireFormat.isFramed(new byte[] {1, 0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ConfluentWireFormat.schemaId(new byte[] {0, 0}));
    }
}
