package dev.batpak.kafka.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.batpak.kafka.coordinate.CoordinateException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Coordinate#of} accepts exactly the strings the rules of batpak-model section 2.1 allow,
 * and rejects the rest with the first failing rule. The oracle below is written independently
 * from the production code: it works on the encoded UTF-8 bytes, as the rules are stated.
 */
class CoordinateLawsTest {

    /** A rejection the oracle expects. */
    record Expected(Reason reason, String component) {}

    /** Bytes of a component as the rules see them; a lone surrogate becomes U+FFFD (3 bytes). */
    private static byte[] lenientUtf8(String s) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(s));
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean wellFormed(String s) {
        try {
            StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Optional<Reason> characterRule(String s) {
        if (!wellFormed(s)) {
            return Optional.of(Reason.UNPAIRED_SURROGATE);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.of(Reason.NUL_BYTE);
            }
        }
        for (byte b : bytes) {
            if ((b & 0xFF) < 0x20 || b == 0x7F) {
                return Optional.of(Reason.CONTROL_CHAR);
            }
        }
        if (s.contains("/") || s.contains("..")) {
            return Optional.of(Reason.PATH_TRAVERSAL);
        }
        if (s.contains("|") || s.contains("=")) {
            return Optional.of(Reason.FORBIDDEN_SEPARATOR);
        }
        return Optional.empty();
    }

    static Optional<Expected> oracle(String entity, String scope) {
        if (entity.isEmpty()) {
            return Optional.of(new Expected(Reason.EMPTY_ENTITY, "entity"));
        }
        if (scope.isEmpty()) {
            return Optional.of(new Expected(Reason.EMPTY_SCOPE, "scope"));
        }
        if (lenientUtf8(entity).length > 1024) {
            return Optional.of(new Expected(Reason.ENTITY_TOO_LONG, "entity"));
        }
        if (lenientUtf8(scope).length > 1024) {
            return Optional.of(new Expected(Reason.SCOPE_TOO_LONG, "scope"));
        }
        Optional<Reason> e = characterRule(entity);
        if (e.isPresent()) {
            return Optional.of(new Expected(e.get(), "entity"));
        }
        return characterRule(scope).map(r -> new Expected(r, "scope"));
    }

    /**
     * Components built from units that hit every rule: plain ASCII mostly, multi-byte text,
     * and now and then a forbidden unit; some are grown to land within a few bytes of the limit.
     */
    @Provide
    static Arbitrary<String> components() {
        @SuppressWarnings("unchecked")
        Arbitrary<String> unit = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("a", "b", "Z", "0", "-", "_", ":", "@", "*", " ")),
                Tuple.of(4, Arbitraries.of("\u00e9", "\u20ac", "\uD83D\uDE00", "\u65e5", "\u0085")),
                Tuple.of(2, Arbitraries.of("/", ".", "|", "=", "\0", "\u0001", "\u001f", "\u007f", "\t",
                        "\uD800", "\uDC00")));
        Arbitrary<String> shortOnes = unit.list().ofMaxSize(6).map(l -> String.join("", l));
        Arbitrary<String> nearLimit = Combinators.combine(
                        Arbitraries.of("a", "\u00e9", "\u20ac", "\uD83D\uDE00"),
                        Arbitraries.integers().between(-8, 8),
                        shortOnes)
                .as((u, delta, tail) -> u.repeat((1024 + delta) / u.getBytes(StandardCharsets.UTF_8).length)
                        + tail);
        @SuppressWarnings("unchecked")
        Arbitrary<String> all = Arbitraries.frequencyOf(Tuple.of(6, shortOnes), Tuple.of(2, nearLimit));
        return all;
    }

    @Property(tries = 3000)
    void ofAcceptsExactlyWhatTheRulesAllow(
            @ForAll("components") String entity, @ForAll("components") String scope) {
        Optional<Expected> expected = oracle(entity, scope);
        Statistics.label("outcome").collect(expected.map(x -> x.reason().name()).orElse("ACCEPTED"));
        // the generator must reach every rule, or the property proves less than it claims
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("ACCEPTED").count(n -> n > 0);
            for (Reason reason : Reason.values()) {
                coverage.check(reason.name()).count(n -> n > 0);
            }
        });
        try {
            Coordinate c = Coordinate.of(entity, scope);
            if (expected.isPresent()) {
                fail("PROPERTY: accepted a coordinate the rules refuse with " + expected.get());
            }
            assertEquals(entity, c.entity());
            assertEquals(scope, c.scope());
        } catch (CoordinateException e) {
            assertEquals(expected, Optional.of(new Expected(e.reason(), e.component())),
                    "PROPERTY: the first failing rule is reported");
        }
    }
}
