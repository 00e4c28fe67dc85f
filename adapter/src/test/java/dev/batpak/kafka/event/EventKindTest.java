package dev.batpak.kafka.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.EventKindException.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** EventKind layout, constants, reserved categories and text form (model section 3). */
class EventKindTest {

    @Test
    void constantsHaveTheReferenceValues() {
        Map<EventKind, Integer> expected = Map.ofEntries(
                Map.entry(EventKind.DATA, 0x1000),
                Map.entry(EventKind.SYSTEM_INIT, 0x0001),
                Map.entry(EventKind.SYSTEM_SHUTDOWN, 0x0002),
                Map.entry(EventKind.SYSTEM_HEARTBEAT, 0x0003),
                Map.entry(EventKind.SYSTEM_CONFIG_CHANGE, 0x0004),
                Map.entry(EventKind.SYSTEM_CHECKPOINT, 0x0005),
                Map.entry(EventKind.SYSTEM_BATCH_BEGIN, 0x0006),
                Map.entry(EventKind.SYSTEM_BATCH_COMMIT, 0x0007),
                Map.entry(EventKind.SYSTEM_OPEN_COMPLETED, 0x0008),
                Map.entry(EventKind.SYSTEM_CLOSE_COMPLETED, 0x0009),
                Map.entry(EventKind.SYSTEM_DENIAL, 0x000F),
                Map.entry(EventKind.TOMBSTONE, 0x0FFE),
                Map.entry(EventKind.EFFECT_ERROR, 0xD001),
                Map.entry(EventKind.EFFECT_RETRY, 0xD002),
                Map.entry(EventKind.EFFECT_ACK, 0xD004),
                Map.entry(EventKind.EFFECT_BACKPRESSURE, 0xD005),
                Map.entry(EventKind.EFFECT_CANCEL, 0xD006),
                Map.entry(EventKind.EFFECT_CONFLICT, 0xD007));
        expected.forEach((kind, raw) -> assertEquals(raw.intValue(), kind.raw(), kind::toString));
        expected.keySet().stream().filter(k -> k != EventKind.DATA)
                .forEach(k -> assertTrue(k.isReserved(), k + " must be reserved"));
        assertFalse(EventKind.DATA.isReserved());
        assertTrue(EventKind.TOMBSTONE.isSystem());
        assertTrue(EventKind.EFFECT_ACK.isEffect());
        assertFalse(EventKind.EFFECT_ACK.isSystem());
    }

    @Test
    void categoryIsTheTopFourBitsAndTypeIdTheLowTwelve() {
        EventKind k = EventKind.custom(0xE, 0xABC);
        assertEquals(0xEABC, k.raw());
        assertEquals(0xE, k.category());
        assertEquals(0xABC, k.typeId());
        assertEquals(0xF, EventKind.fromRaw(0xFFFF).category());
        assertEquals(0xFFF, EventKind.fromRaw(0xFFFF).typeId());
    }

    @Test
    void customAcceptsEveryProductCategoryAndTheTypeIdBounds() {
        for (int c : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15}) {
            assertEquals(c << 12, EventKind.custom(c, 0).raw());
            assertEquals((c << 12) | 4095, EventKind.custom(c, 4095).raw());
            assertFalse(EventKind.custom(c, 1).isReserved());
        }
        assertEquals(0xFA01, EventKind.custom(0xF, 0xA01).raw()); // NETBAT parity space is product space
    }

    @ParameterizedTest
    @CsvSource({
        "-1, 0, CATEGORY_OUT_OF_RANGE",
        "16, 0, CATEGORY_OUT_OF_RANGE",
        "2147483647, 0, CATEGORY_OUT_OF_RANGE",
        "0, 1, RESERVED_SYSTEM_CATEGORY",
        "13, 1, RESERVED_EFFECT_CATEGORY",
        "1, -1, TYPE_ID_OUT_OF_RANGE",
        "1, 4096, TYPE_ID_OUT_OF_RANGE",
        "16, 4096, CATEGORY_OUT_OF_RANGE", // category is checked first
        "0, 4096, RESERVED_SYSTEM_CATEGORY", // reservation before type id
        "13, -5, RESERVED_EFFECT_CATEGORY",
    })
    void customRejectsWithTheFirstFailingRule(int category, int typeId, Reason reason) {
        EventKindException e = assertThrows(EventKindException.class, () -> EventKind.custom(category, typeId));
        assertEquals(reason, e.reason());
        assertEquals("INVALID_EVENT_KIND", e.code());
        EventKind.Custom result = EventKind.tryCustom(category, typeId);
        EventKind.Custom.Rejected rejected = assertInstanceOf(EventKind.Custom.Rejected.class, result);
        assertEquals(reason, rejected.reason());
        assertTrue(result.toOptional().isEmpty());
        assertEquals(reason, assertThrows(EventKindException.class, result::orElseThrow).reason());
    }

    @Test
    void tryCustomAcceptedCarriesTheKind() {
        EventKind.Custom result = EventKind.tryCustom(1, 7);
        assertEquals(EventKind.fromRaw(0x1007), assertInstanceOf(EventKind.Custom.Accepted.class, result).kind());
        assertEquals(EventKind.fromRaw(0x1007), result.orElseThrow());
        assertEquals(EventKind.fromRaw(0x1007), result.toOptional().orElseThrow());
    }

    @Test
    void fromRawAcceptsAllSixteenBitValuesIncludingReservedOnes() {
        assertEquals(0, EventKind.fromRaw(0).raw());
        assertEquals(0xFFFF, EventKind.fromRaw(0xFFFF).raw());
        assertTrue(EventKind.fromRaw(0xD123).isEffect());
        assertEquals(Reason.RAW_OUT_OF_RANGE,
                assertThrows(EventKindException.class, () -> EventKind.fromRaw(0x10000)).reason());
        assertEquals(Reason.RAW_OUT_OF_RANGE,
                assertThrows(EventKindException.class, () -> EventKind.fromRaw(-1)).reason());
        assertThrows(EventKindException.class, () -> new EventKind(1 << 20));
    }

    @Test
    void toStringIsDecimalCategoryColonTypeId() {
        assertEquals("1:0", EventKind.DATA.toString());
        assertEquals("0:15", EventKind.SYSTEM_DENIAL.toString());
        assertEquals("13:7", EventKind.EFFECT_CONFLICT.toString());
        assertEquals("15:4095", EventKind.fromRaw(0xFFFF).toString());
    }

    @ParameterizedTest
    @CsvSource({
        "1:0, 0x1000",
        "0x1:0x0, 0x1000",
        "0X1:0XfFf, 0x1fff",
        "13:7, 0xD007",
        "0xD:7, 0xD007",
        "0:15, 0x000F",
        "015:04095, 0xFFFF",
        "0x0f:0x00ffe, 0xFFFE",
    })
    void parseAcceptsDecimalAndHexParts(String text, String rawHex) {
        assertEquals(Integer.decode(rawHex).intValue(), EventKind.parse(text).raw());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "1", "1:", ":1", "1:2:3", "-1:2", "+1:2", " 1:2", "1:2 ", "0x:1",
        "1:0xg", "1:0x", "a:1", "1:1e3", "1.0:2", "\u0661:2", "0b1:1", "1;2"})
    void parseRefusesMalformedText(String text) {
        assertEquals(Reason.MALFORMED, assertThrows(EventKindException.class, () -> EventKind.parse(text)).reason());
    }

    @ParameterizedTest
    @CsvSource({
        "16:0, CATEGORY_OUT_OF_RANGE",
        "0x10:0, CATEGORY_OUT_OF_RANGE",
        "99999999999999999999:0, CATEGORY_OUT_OF_RANGE",
        "1:4096, TYPE_ID_OUT_OF_RANGE",
        "1:0x1000, TYPE_ID_OUT_OF_RANGE",
        "1:0xffffffffffffffffffff, TYPE_ID_OUT_OF_RANGE",
    })
    void parseRefusesOutOfRangeParts(String text, Reason reason) {
        assertEquals(reason, assertThrows(EventKindException.class, () -> EventKind.parse(text)).reason());
    }

    @Test
    void parseRefusesNull() {
        assertEquals(Reason.MALFORMED, assertThrows(EventKindException.class, () -> EventKind.parse(null)).reason());
    }
}
