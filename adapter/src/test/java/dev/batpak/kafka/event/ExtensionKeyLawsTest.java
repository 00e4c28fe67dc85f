package dev.batpak.kafka.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link ExtensionKey#parse} accepts exactly the keys the rules allow; accepted keys round-trip. */
class ExtensionKeyLawsTest {

    @Provide
    Arbitrary<String> candidates() {
        Arbitrary<String> small = Arbitraries.strings().withChars("ab.-_\u00e9 ").ofMaxLength(8);
        Arbitrary<String> reserved = small.map(s -> "batpak" + s);
        Arbitrary<String> long_ = Arbitraries.integers().between(250, 260).map(n -> "n." + "f".repeat(n - 2));
        return Arbitraries.oneOf(small, reserved, long_);
    }

    private static Optional<ExtensionKeyException.Reason> oracle(String s) {
        if (s.isEmpty()) {
            return Optional.of(ExtensionKeyException.Reason.EMPTY);
        }
        if (!s.chars().allMatch(c -> c < 128)) {
            return Optional.of(ExtensionKeyException.Reason.NON_ASCII);
        }
        if (s.length() > 256) {
            return Optional.of(ExtensionKeyException.Reason.TOO_LONG);
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 2) {
            return Optional.of(ExtensionKeyException.Reason.SEPARATOR_COUNT);
        }
        if (parts[0].isEmpty()) {
            return Optional.of(ExtensionKeyException.Reason.EMPTY_NAMESPACE);
        }
        if (parts[1].isEmpty()) {
            return Optional.of(ExtensionKeyException.Reason.EMPTY_FIELD);
        }
        if (parts[0].equals("batpak")) {
            return Optional.of(ExtensionKeyException.Reason.RESERVED_NAMESPACE);
        }
        return Optional.empty();
    }

    @Property(tries = 2000)
    void parseAcceptsExactlyTheValidKeys(@ForAll("candidates") String text) {
        Optional<ExtensionKeyException.Reason> expected = oracle(text);
        try {
            ExtensionKey key = ExtensionKey.parse(text);
            if (expected.isPresent()) {
                fail("PROPERTY: accepted '" + text + "', which breaks " + expected.get());
            }
            assertEquals(text, key.toString());
            assertEquals(key, ExtensionKey.parse(key.toString()));
            assertEquals(key, ExtensionKey.of(key.namespace(), key.field()));
        } catch (ExtensionKeyException e) {
            assertEquals(expected, Optional.of(e.reason()));
        }
    }
}
