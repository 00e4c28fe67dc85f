package dev.batpak.kafka.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.ExtensionKeyException.Reason;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ExtensionKey rules of batpak-model section 6.1. */
class ExtensionKeyTest {

    private static void assertRejected(Reason reason, Executable build) {
        ExtensionKeyException e = assertThrows(ExtensionKeyException.class, build);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals("INVALID_EXTENSION_KEY", e.code());
    }

    @Test
    void parseSplitsAtTheDot() {
        ExtensionKey k = ExtensionKey.parse("myapp.trace-id");
        assertEquals("myapp", k.namespace());
        assertEquals("trace-id", k.field());
        assertEquals("myapp.trace-id", k.toString());
        assertEquals(k, ExtensionKey.of("myapp", "trace-id"));
        assertFalse(k.isSystem());
    }

    @ParameterizedTest
    @CsvSource(value = {
        "'', EMPTY",
        "nodot, SEPARATOR_COUNT",
        "a.b.c, SEPARATOR_COUNT",
        "'..', SEPARATOR_COUNT",
        ".field, EMPTY_NAMESPACE",
        "'.', EMPTY_NAMESPACE",
        "ns., EMPTY_FIELD",
        "caf\u00e9.x, NON_ASCII",
        "ns.\u00fc, NON_ASCII",
        "batpak.anything, RESERVED_NAMESPACE",
    })
    void parseRejections(String text, Reason reason) {
        assertRejected(reason, () -> ExtensionKey.parse(text));
    }

    @Test
    void nullIsEmpty() {
        assertRejected(Reason.EMPTY, () -> ExtensionKey.parse(null));
        assertRejected(Reason.EMPTY, () -> ExtensionKey.of(null, "f"));
    }

    @Test
    void limitIs256Bytes() {
        String ok = "n." + "f".repeat(254);
        assertEquals(256, ok.length());
        assertEquals(ok, ExtensionKey.parse(ok).toString());
        assertRejected(Reason.TOO_LONG, () -> ExtensionKey.parse(ok + "f"));
        assertRejected(Reason.TOO_LONG, () -> ExtensionKey.of("n", "f".repeat(255)));
    }

    @Test
    void systemKeysAreOnlyMadeBySystemAndReadByDecode() {
        ExtensionKey k = ExtensionKey.system("signing.downgrade".replace('.', '-'));
        assertEquals("batpak.signing-downgrade", k.toString());
        assertTrue(k.isSystem());
        assertEquals(k, ExtensionKey.decode("batpak.signing-downgrade"));
        assertRejected(Reason.RESERVED_NAMESPACE, () -> ExtensionKey.of("batpak", "x"));
        assertRejected(Reason.SEPARATOR_COUNT, () -> ExtensionKey.system("signing.downgrade"));
        assertRejected(Reason.EMPTY_FIELD, () -> ExtensionKey.system(""));
        assertRejected(Reason.TOO_LONG, () -> ExtensionKey.system("f".repeat(250)));
        // the reservation is exactly the namespace "batpak", not a prefix of it
        assertFalse(ExtensionKey.parse("batpak2.x").isSystem());
        assertFalse(ExtensionKey.parse("Batpak.x").isSystem());
    }

    @Test
    void decodeStillChecksTheShape() {
        assertRejected(Reason.SEPARATOR_COUNT, () -> ExtensionKey.decode("batpak"));
        assertRejected(Reason.NON_ASCII, () -> ExtensionKey.decode("batpak.\u00e9"));
    }

    @Test
    void theRecordConstructorChecksTheShape() {
        assertRejected(Reason.SEPARATOR_COUNT, () -> new ExtensionKey("a.b", "c"));
        assertRejected(Reason.EMPTY_NAMESPACE, () -> new ExtensionKey("", "c"));
    }

    @Test
    void keysSortByTheirTextForm() {
        TreeSet<ExtensionKey> sorted = new TreeSet<>(List.of(
                ExtensionKey.parse("a.b"), ExtensionKey.parse("a-x.c"), ExtensionKey.system("z"),
                ExtensionKey.parse("B.a")));
        assertEquals("[B.a, a-x.c, a.b, batpak.z]", sorted.toString());
    }
}
