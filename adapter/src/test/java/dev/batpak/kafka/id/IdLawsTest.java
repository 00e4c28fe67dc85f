package dev.batpak.kafka.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Laws of the typed ids: lossless round trips, UUIDv7 layout, forOperation encoding. */
class IdLawsTest {

    @Provide
    Arbitrary<UUID> uuids() {
        Arbitrary<Long> bits = Arbitraries.longs().edgeCases(c -> c.add(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        return Combinators.combine(bits, bits).as(UUID::new);
    }

    @Property
    void textRoundTripsForEveryIdType(@ForAll("uuids") UUID value) {
        assertEquals(EventId.of(value), EventId.parse(EventId.of(value).toString()));
        assertEquals(CorrelationId.of(value), CorrelationId.parse(CorrelationId.of(value).toString()));
        assertEquals(CausationId.of(value), CausationId.parse(CausationId.of(value).toString()));
        assertEquals(IdempotencyKey.of(value), IdempotencyKey.parse(IdempotencyKey.of(value).toString()));
    }

    @Property
    void byteRoundTripsForEveryIdType(@ForAll("uuids") UUID value) {
        assertEquals(EventId.of(value), EventId.fromBytes(EventId.of(value).toBytes()));
        assertEquals(CorrelationId.of(value), CorrelationId.fromBytes(CorrelationId.of(value).toBytes()));
        assertEquals(CausationId.of(value), CausationId.fromBytes(CausationId.of(value).toBytes()));
        assertEquals(IdempotencyKey.of(value), IdempotencyKey.fromBytes(IdempotencyKey.of(value).toBytes()));
    }

    /** Half canonical hex, half near misses (uppercase, wrong length, stray characters). */
    @Provide
    Arbitrary<String> hexCandidates() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFgx -").ofMinLength(30).ofMaxLength(34));
    }

    @Property
    void parseAcceptsExactlyTheCanonicalText(@ForAll("hexCandidates") String hexCandidate) {
        String text = "event:" + hexCandidate;
        boolean lowercaseHex = hexCandidate.length() == 32
                && hexCandidate.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        try {
            assertEquals(text, EventId.parse(text).toString());
            assertTrue(lowercaseHex, "accepted non-canonical text " + text);
        } catch (InvalidIdException e) {
            assertTrue(!lowercaseHex, "refused canonical text " + text);
        }
    }

    @Property
    void bytesOrderLikeTheUnsignedValue(@ForAll("uuids") UUID a, @ForAll("uuids") UUID b) {
        int byBytes = Integer.signum(Arrays.compareUnsigned(EventId.of(a).toBytes(), EventId.of(b).toBytes()));
        int byValue = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        if (byValue == 0) {
            byValue = Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        }
        assertEquals(Integer.signum(byValue), byBytes);
    }

    @Property
    void v7HasVersionVariantAndTimestamp(
            @ForAll @LongRange(min = 0, max = EventId.MAX_V7_MILLIS) long millis, @ForAll long seed) {
        EventId id = EventId.v7(millis, new SplittableRandom(seed));
        assertEquals(7, id.value().version());
        assertEquals(2, id.value().variant());
        assertEquals(millis, id.timestampMillis());
    }

    @Property
    void v7IsMonotoneInItsTimestamp(
            @ForAll @LongRange(min = 0, max = EventId.MAX_V7_MILLIS) long t1,
            @ForAll @LongRange(min = 0, max = EventId.MAX_V7_MILLIS) long t2,
            @ForAll long seed1, @ForAll long seed2) {
        Assume.that(t1 < t2);
        byte[] earlier = EventId.v7(t1, new SplittableRandom(seed1)).toBytes();
        byte[] later = EventId.v7(t2, new SplittableRandom(seed2)).toBytes();
        assertTrue(Arrays.compareUnsigned(earlier, later) < 0,
                "PROPERTY: a UUIDv7 from an earlier millisecond sorts first, whatever the random bits");
    }

    /** Well-formed text without surrogates, so any substring is well-formed too. */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> shortTexts() {
        return Arbitraries.strings().withChars("ab\u00e9\u20ac:").ofMaxLength(3);
    }

    @Provide
    Arbitrary<List<String>> shortParts() {
        return shortTexts().list().ofMaxSize(3);
    }

    @Property
    void forOperationIsDeterministic(
            @ForAll("texts") String domain, @ForAll @Size(max = 5) List<@From("texts") String> parts) {
        String[] array = parts.toArray(String[]::new);
        assertEquals(IdempotencyKey.forOperation(domain, array), IdempotencyKey.forOperation(domain, array.clone()));
    }

    @Property
    void forOperationSeparatesEveryWayOfSplittingTheSameText(
            @ForAll("texts") String text, @ForAll int cut1, @ForAll int cut2) {
        Assume.that(text.length() >= 1);
        int a = Math.floorMod(cut1, text.length() + 1);
        int b = Math.floorMod(cut2, text.length() + 1);
        Assume.that(a != b);
        IdempotencyKey first = IdempotencyKey.forOperation("d", text.substring(0, a), text.substring(a));
        IdempotencyKey second = IdempotencyKey.forOperation("d", text.substring(0, b), text.substring(b));
        assertNotEquals(first, second, "PROPERTY: length prefixes keep part boundaries significant");
    }

    @Property
    void forOperationSeparatesDifferentInputs(
            @ForAll("shortTexts") String d1, @ForAll("shortParts") List<String> p1,
            @ForAll("shortTexts") String d2, @ForAll("shortParts") List<String> p2) {
        Assume.that(!(d1.equals(d2) && p1.equals(p2)));
        assertNotEquals(IdempotencyKey.forOperation(d1, p1.toArray(String[]::new)),
                IdempotencyKey.forOperation(d2, p2.toArray(String[]::new)));
    }
}
