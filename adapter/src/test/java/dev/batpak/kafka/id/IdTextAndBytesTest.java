package dev.batpak.kafka.id;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins the text and byte forms of the four typed ids and every way parsing can fail. */
class IdTextAndBytesTest {

    private static final UUID SAMPLE = new UUID(0x0123456789abcdefL, 0xfedcba9876543210L);
    private static final String HEX = "0123456789abcdeffedcba9876543210";

    @Test
    void eachIdHasItsOwnPrefixAndLowercaseHex() {
        assertEquals("event:" + HEX, EventId.of(SAMPLE).toString());
        assertEquals("correlation:" + HEX, CorrelationId.of(SAMPLE).toString());
        assertEquals("causation:" + HEX, CausationId.of(SAMPLE).toString());
        assertEquals("idempotency:" + HEX, IdempotencyKey.of(SAMPLE).toString());
        assertEquals("event:00000000000000000000000000000000", EventId.of(new UUID(0, 0)).toString());
        assertEquals("event:ffffffffffffffffffffffffffffffff", EventId.of(new UUID(-1, -1)).toString());
    }

    @Test
    void parseReadsWhatToStringWrites() {
        assertEquals(EventId.of(SAMPLE), EventId.parse("event:" + HEX));
        assertEquals(CorrelationId.of(SAMPLE), CorrelationId.parse("correlation:" + HEX));
        assertEquals(CausationId.of(SAMPLE), CausationId.parse("causation:" + HEX));
        assertEquals(IdempotencyKey.of(SAMPLE), IdempotencyKey.parse("idempotency:" + HEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        HEX, // prefix missing
        "correlation:" + HEX, // another id's prefix
        "Event:" + HEX, // prefix is case-sensitive
        "event:" + "0123456789ABCDEFFEDCBA9876543210", // uppercase hex: one text form per id
        "event:0123456789abcdeffedcba987654321", // 31 digits
        "event:0123456789abcdeffedcba98765432100", // 33 digits
        "event:0123456789abcdeffedcba987654321g", // not hex
        "event: 123456789abcdeffedcba9876543210", // space
        "event:0123456789abcdef-edcba9876543210", // dash
        "event:01234567-89ab-cdef-fedc-ba9876543210", // UUID form
        "event:\u0660123456789abcdeffedcba9876543210" // non-ASCII digit
    })
    void parseRefusesAnythingButPrefixPlus32LowercaseHex(String text) {
        InvalidIdException e = assertThrows(InvalidIdException.class, () -> EventId.parse(text));
        assertEquals("INVALID_ID", e.code());
        assertEquals("EventId", e.idType());
    }

    @Test
    void parseRefusesNullWithATypedError() {
        assertEquals("INVALID_ID", assertThrows(InvalidIdException.class, () -> EventId.parse(null)).code());
        assertEquals("CausationId",
                assertThrows(InvalidIdException.class, () -> CausationId.parse(null)).idType());
    }

    @Test
    void eachTypeRefusesTheOtherTypesText() {
        String event = "event:" + HEX;
        assertThrows(InvalidIdException.class, () -> CorrelationId.parse(event));
        assertThrows(InvalidIdException.class, () -> CausationId.parse(event));
        assertThrows(InvalidIdException.class, () -> IdempotencyKey.parse(event));
        assertThrows(InvalidIdException.class, () -> EventId.parse("idempotency:" + HEX));
    }

    @Test
    void bytesAreSixteenBigEndian() {
        byte[] expected = {
            0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef,
            (byte) 0xfe, (byte) 0xdc, (byte) 0xba, (byte) 0x98, 0x76, 0x54, 0x32, 0x10
        };
        assertArrayEquals(expected, EventId.of(SAMPLE).toBytes());
        assertEquals(EventId.of(SAMPLE), EventId.fromBytes(expected));
        assertEquals(CorrelationId.of(SAMPLE), CorrelationId.fromBytes(expected));
        assertEquals(CausationId.of(SAMPLE), CausationId.fromBytes(expected));
        assertEquals(IdempotencyKey.of(SAMPLE), IdempotencyKey.fromBytes(expected));
    }

    @Test
    void toBytesReturnsAFreshArraySoCallersCannotMutateTheId() {
        EventId id = EventId.of(SAMPLE);
        id.toBytes()[0] = 0x7f;
        assertEquals(0x01, id.toBytes()[0]);
    }

    @Test
    void fromBytesRefusesWrongLengths() {
        for (int len : new int[] {0, 1, 15, 17, 32}) {
            InvalidIdException e = assertThrows(InvalidIdException.class,
                    () -> EventId.fromBytes(new byte[len]));
            assertTrue(e.getMessage().contains(len + " bytes"), e.getMessage());
        }
        assertThrows(InvalidIdException.class, () -> IdempotencyKey.fromBytes(null));
    }

    @Test
    void nullValueIsRefused() {
        assertThrows(NullPointerException.class, () -> EventId.of(null));
        assertThrows(NullPointerException.class, () -> CorrelationId.of((UUID) null));
        assertThrows(NullPointerException.class, () -> CausationId.of((EventId) null));
    }

    @Test
    void correlationAndCausationOfAnEventCarryItsBits() {
        EventId event = EventId.of(SAMPLE);
        assertEquals(SAMPLE, CorrelationId.of(event).value());
        assertEquals(SAMPLE, CausationId.of(event).value());
        assertEquals(event, CausationId.of(event).toEventId());
        assertEquals(event, CorrelationId.of(event).toEventId());
    }
}
