package dev.batpak.kafka.internal.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalEncoderTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void integersAreBigEndianAndFixedWidth() {
        CanonicalEncoder out = new CanonicalEncoder(0)
                .u8("a", 0xAB)
                .u16("b", 0x0102)
                .u32("c", 0xFFFF_FFFFL)
                .bits32(-2)
                .u64("d", 0x0102030405060708L)
                .bits64(-1L);
        assertEquals("ab" + "0102" + "ffffffff" + "fffffffe" + "0102030405060708" + "ffffffffffffffff",
                HEX.formatHex(out.toByteArray()));
    }

    @Test
    void stringsAndBytesCarryAU32LengthPrefix() {
        CanonicalEncoder out = new CanonicalEncoder(4).utf8("s", "é").bytes("b", new byte[] {7}).fixed("f", new byte[] {1, 2}, 2);
        assertEquals("00000002c3a9" + "0000000107" + "0102", HEX.formatHex(out.toByteArray()));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).u16("kind", 0x1_0000));
        assertTrue(e.getMessage().contains("kind"));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).u8("x", -1));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).u32("x", -1));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).u32("x", 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).u64("x", -1));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalEncoder(0).fixed("x", new byte[3], 4));
    }

    @Test
    void utf8OrderComparesBytesNotUtf16Units() {
        // U+FF61 is one UTF-16 unit above the surrogate U+D83D of an emoji, but its UTF-8 bytes
        // (ef bd a1) sort below the emoji's (f0 9f ...).
        String halfwidth = "\uFF61";
        String emoji = "\uD83D\uDE00";
        assertTrue(halfwidth.compareTo(emoji) > 0, "UTF-16 order puts the emoji first");
        assertTrue(CanonicalEncoder.UTF8_ORDER.compare(halfwidth, emoji) < 0, "UTF-8 order puts it last");
    }
}
