package dev.batpak.kafka.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.coordinate.CoordinateException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rejection reason of batpak-model section 2.1, its boundaries and its order. */
class CoordinateValidationTest {

    private static void assertRejected(Reason reason, String component, String entity, String scope) {
        CoordinateException e = assertThrows(CoordinateException.class, () -> Coordinate.of(entity, scope));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals(component, e.component());
        assertEquals("INVALID_COORDINATE", e.code());
    }

    @Test
    void validCoordinateKeepsItsPartsAndDisplaysAsEntityAtScope() {
        Coordinate c = Coordinate.of("order:42", "prod");
        assertEquals("order:42", c.entity());
        assertEquals("prod", c.scope());
        assertEquals("order:42@prod", c.toString());
        assertEquals(c, new Coordinate("order:42", "prod"));
    }

    @Test
    void emptyOrNullComponentsAreRefused() {
        assertRejected(Reason.EMPTY_ENTITY, "entity", "", "s");
        assertRejected(Reason.EMPTY_ENTITY, "entity", null, "s");
        assertRejected(Reason.EMPTY_SCOPE, "scope", "e", "");
        assertRejected(Reason.EMPTY_SCOPE, "scope", "e", null);
    }

    @Test
    void limitIs1024Utf8Bytes() {
        Coordinate.of("a".repeat(1024), "b".repeat(1024));
        assertRejected(Reason.ENTITY_TOO_LONG, "entity", "a".repeat(1025), "s");
        assertRejected(Reason.SCOPE_TOO_LONG, "scope", "e", "b".repeat(1025));
    }

    @Test
    void limitCountsBytesNotCharacters() {
        String twoByte = "\u00e9".repeat(512); // 1024 bytes, 512 chars
        String threeByte = "\u20ac".repeat(342); // 1026 bytes, 342 chars
        String fourByte = "\uD83D\uDE00".repeat(256); // 1024 bytes, 512 chars, 256 code points
        assertEquals(1024, twoByte.getBytes(StandardCharsets.UTF_8).length);
        Coordinate.of(twoByte, fourByte);
        Coordinate.of("\u20ac".repeat(341) + "a", "s"); // 1024 bytes
        assertRejected(Reason.ENTITY_TOO_LONG, "entity", twoByte + "a", "s");
        assertRejected(Reason.ENTITY_TOO_LONG, "entity", threeByte, "s");
        assertRejected(Reason.SCOPE_TOO_LONG, "scope", "e", fourByte + "a");
        CoordinateException e = assertThrows(CoordinateException.class, () -> Coordinate.of(threeByte, "s"));
        assertTrue(e.getMessage().contains("1026"), e.getMessage());
    }

    @Test
    void nulIsRefusedAndReportedBeforeOtherControlCharacters() {
        assertRejected(Reason.NUL_BYTE, "entity", "a\0b", "s");
        assertRejected(Reason.NUL_BYTE, "scope", "e", "\0");
        assertRejected(Reason.NUL_BYTE, "entity", "\u0001a\0", "s");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0001', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f'})
    void controlCharactersAreRefused(char c) {
        assertRejected(Reason.CONTROL_CHAR, "entity", "a" + c, "s");
        assertRejected(Reason.CONTROL_CHAR, "scope", "e", c + "b");
    }

    @Test
    void c1ControlsAreMultiByteSoTheyAreAllowed() {
        Coordinate.of("a\u0085b", "\u009f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "..", "a..b", "../etc", "a/"})
    void pathTraversalIsRefused(String value) {
        assertRejected(Reason.PATH_TRAVERSAL, "entity", value, "s");
        assertRejected(Reason.PATH_TRAVERSAL, "scope", "e", value);
    }

    @Test
    void singleDotsAreAllowed() {
        Coordinate.of("a.b.c", ".hidden.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a|b", "|", "k=v", "=", "entity=x|scope=y"})
    void regionSeparatorsAreRefused(String value) {
        assertRejected(Reason.FORBIDDEN_SEPARATOR, "entity", value, "s");
        assertRejected(Reason.FORBIDDEN_SEPARATOR, "scope", "e", value);
    }

    @Test
    void unpairedSurrogatesAreRefusedBecauseTheyHaveNoUtf8Form() {
        assertRejected(Reason.UNPAIRED_SURROGATE, "entity", "a\uD800", "s");
        assertRejected(Reason.UNPAIRED_SURROGATE, "scope", "e", "\uDC00a");
        assertRejected(Reason.UNPAIRED_SURROGATE, "entity", "\uDE00\uD83D", "s"); // reversed pair
    }

    @Test
    void nonAsciiColonsAndOtherPunctuationAreAllowed() {
        Coordinate c = Coordinate.of("k\u00fcnde:\u65e5\u672c:\uD83D\uDE00", "t@n ant*#!");
        assertEquals("k\u00fcnde:\u65e5\u672c:\uD83D\uDE00@t@n ant*#!", c.toString());
    }

    @Test
    void firstFailureWinsInTheDocumentedOrder() {
        // step 1 before step 2: an empty scope is reported before an over-long entity
        assertRejected(Reason.EMPTY_SCOPE, "scope", "a".repeat(2000), "");
        // step 2 for both components before step 3 for either
        assertRejected(Reason.SCOPE_TOO_LONG, "scope", "a/b", "b".repeat(1025));
        assertRejected(Reason.ENTITY_TOO_LONG, "entity", "a".repeat(1025), "b".repeat(1025));
        // steps 3-5 run for the whole entity before the scope
        assertRejected(Reason.FORBIDDEN_SEPARATOR, "entity", "a|b", "\0");
        // within a component: NUL/control, then traversal, then separators
        assertRejected(Reason.CONTROL_CHAR, "entity", "|/\u0001", "s");
        assertRejected(Reason.PATH_TRAVERSAL, "entity", "|..", "s");
    }

    @Test
    void theRecordConstructorValidatesToo() {
        assertThrows(CoordinateException.class, () -> new Coordinate("a/b", "s"));
    }
}
