package dev.batpak.kafka.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Region matching, identity strings and every way a region can be invalid (model section 2.2). */
class RegionTest {

    private static final EventKind KIND = EventKind.custom(1, 7);

    private static boolean entityMatches(String prefix, String entity) {
        return Region.entity(prefix).matches(Coordinate.of(entity, "s"), KIND, 0, 0);
    }

    private static RegionException assertRejected(RegionException.Reason reason, Executable build) {
        RegionException e = assertThrows(RegionException.class, build);
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals("INVALID_REGION", e.code());
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "alice, alice, true",
        "alice, alice:child, true",
        "alice, alice:child:x, true",
        "alice, alice:, true",
        "alice, alice2, false",
        "alice, alice-prod, false",
        "alice, alic, false",
        "alice, bob:alice, false",
        "alice, \u0430lice:child, false", // Cyrillic a: a homoglyph is a different entity
        "alice:child, alice, false",
        "alice:child, alice:child:x, true",
        "alice:child, alice:children, false",
    })
    void entityPrefixIsANamespacePrefix(String prefix, String entity, boolean expected) {
        assertEquals(expected, entityMatches(prefix, entity));
    }

    @Test
    void scopeMatchesExactly() {
        Region r = Region.scope("prod");
        assertTrue(r.matches(Coordinate.of("e", "prod"), KIND, 0, 0));
        assertFalse(r.matches(Coordinate.of("e", "prod:eu"), KIND, 0, 0));
        assertFalse(r.matches(Coordinate.of("e", "pro"), KIND, 0, 0));
    }

    @Test
    void kindFilters() {
        Coordinate c = Coordinate.of("e", "s");
        assertTrue(Region.all().withKind(KIND).matches(c, KIND, 0, 0));
        assertFalse(Region.all().withKind(KIND).matches(c, EventKind.custom(1, 8), 0, 0));
        assertTrue(Region.all().withCategory(1).matches(c, EventKind.custom(1, 4095), 0, 0));
        assertFalse(Region.all().withCategory(1).matches(c, EventKind.custom(2, 7), 0, 0));
        assertTrue(Region.all().withCategory(0).matches(c, EventKind.SYSTEM_DENIAL, 0, 0));
        assertTrue(Region.all().withCategory(0xD).matches(c, EventKind.EFFECT_ACK, 0, 0));
        assertTrue(Region.all().matches(c, EventKind.TOMBSTONE, 0, 0));
    }

    @Test
    void clockRangeIsInclusive() {
        Region r = Region.all().withClockRange(3, 9);
        Coordinate c = Coordinate.of("e", "s");
        assertFalse(r.matches(c, KIND, 2, 0));
        assertTrue(r.matches(c, KIND, 3, 0));
        assertTrue(r.matches(c, KIND, 9, 0));
        assertFalse(r.matches(c, KIND, 10, 0));
        assertTrue(Region.all().withClockRange(5, 5).matches(c, KIND, 5, 0));
        assertTrue(Region.all().matches(c, KIND, Long.MAX_VALUE, 0));
    }

    @Test
    void laneMatchesExactly() {
        Coordinate c = Coordinate.of("e", "s");
        assertTrue(Region.all().withLane(2).matches(c, KIND, 0, 2));
        assertFalse(Region.all().withLane(2).matches(c, KIND, 0, 3));
        assertTrue(Region.all().matches(c, KIND, 0, 7));
    }

    @Test
    void everyPresentPartMustMatch() {
        Region r = Region.entity("alice").withScope("prod").withKind(KIND).withClockRange(1, 5).withLane(0);
        assertTrue(r.matches(Coordinate.of("alice:x", "prod"), KIND, 1, 0));
        assertFalse(r.matches(Coordinate.of("bob", "prod"), KIND, 1, 0));
        assertFalse(r.matches(Coordinate.of("alice", "dev"), KIND, 1, 0));
        assertFalse(r.matches(Coordinate.of("alice", "prod"), EventKind.DATA, 1, 0));
        assertFalse(r.matches(Coordinate.of("alice", "prod"), KIND, 6, 0));
        assertFalse(r.matches(Coordinate.of("alice", "prod"), KIND, 1, 1));
    }

    @Test
    void identityStrings() {
        assertEquals("entity=*|scope=*|fact=any|clock=*", Region.all().identity());
        assertEquals("entity=alice|scope=*|fact=any|clock=*", Region.entity("alice").identity());
        assertEquals("entity=*|scope=prod|fact=any|clock=*", Region.scope("prod").identity());
        assertEquals("entity=alice:x|scope=prod|fact=exact:1:7|clock=3-9|lane=2",
                Region.entity("alice:x").withScope("prod").withKind(KIND).withClockRange(3, 9).withLane(2)
                        .identity());
        assertEquals("entity=*|scope=*|fact=category:13|clock=*|lane=0",
                Region.all().withCategory(13).withLane(0).identity());
        assertEquals("entity=*|scope=*|fact=exact:0:15|clock=0-0",
                Region.all().withKind(EventKind.SYSTEM_DENIAL).withClockRange(0, 0).identity());
    }

    @Test
    void buildersReplaceOnlyTheirPart() {
        Region r = Region.entity("a").withScope("s1").withScope("s2").withCategory(3).withKind(KIND);
        assertEquals("entity=a|scope=s2|fact=exact:1:7|clock=*", r.identity());
        assertEquals(Region.all(), Region.all().withFact(KindFilter.any()));
    }

    @Test
    void invertedOrNegativeClockRangesAreRefused() {
        assertRejected(RegionException.Reason.INVERTED_CLOCK_RANGE, () -> Region.all().withClockRange(5, 4));
        assertRejected(RegionException.Reason.NEGATIVE_CLOCK, () -> Region.all().withClockRange(-1, 4));
        assertRejected(RegionException.Reason.NEGATIVE_CLOCK, () -> ClockRange.of(0, -1));
    }

    @Test
    void categoryMustFitFourBits() {
        assertRejected(RegionException.Reason.CATEGORY_OUT_OF_RANGE, () -> Region.all().withCategory(16));
        assertRejected(RegionException.Reason.CATEGORY_OUT_OF_RANGE, () -> Region.all().withCategory(-1));
    }

    @Test
    void laneMustNotBeNegative() {
        assertRejected(RegionException.Reason.NEGATIVE_LANE, () -> Region.all().withLane(-1));
    }

    @Test
    void prefixAndScopeFollowTheCoordinateRules() {
        RegionException e = assertRejected(RegionException.Reason.INVALID_ENTITY_PREFIX, () -> Region.entity(""));
        CoordinateException cause = assertInstanceOf(CoordinateException.class, e.getCause());
        assertEquals(CoordinateException.Reason.EMPTY_ENTITY, cause.reason());
        assertRejected(RegionException.Reason.INVALID_ENTITY_PREFIX, () -> Region.entity("a|b"));
        assertRejected(RegionException.Reason.INVALID_ENTITY_PREFIX, () -> Region.entity("a".repeat(1025)));
        RegionException s = assertRejected(RegionException.Reason.INVALID_SCOPE, () -> Region.scope("a/b"));
        assertEquals(CoordinateException.Reason.PATH_TRAVERSAL, ((CoordinateException) s.getCause()).reason());
        assertEquals("scope", ((CoordinateException) s.getCause()).component());
        assertRejected(RegionException.Reason.INVALID_SCOPE, () -> Region.all().withScope("x=y"));
    }

    @Test
    void aLiteralStarWouldMakeTheIdentityAmbiguous() {
        assertRejected(RegionException.Reason.WILDCARD_LITERAL, () -> Region.entity("*"));
        assertRejected(RegionException.Reason.WILDCARD_LITERAL, () -> Region.scope("*"));
        // a star inside a longer prefix is not ambiguous
        assertEquals("entity=a*|scope=*x|fact=any|clock=*", Region.entity("a*").withScope("*x").identity());
    }
}
