package dev.batpak.kafka.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryPosition;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The continuation (query position) text form: exact round trip, canonical, and refusing anything else. */
class QueryPositionPropertiesTest {

    @Property
    void parseInvertsEncode(@ForAll("positions") QueryPosition position) {
        String text = position.encode();
        assertEquals(position, QueryPosition.parse(text));
        assertEquals(text, QueryPosition.parse(text).encode());
    }

    @Property
    void anyTextIsEitherRefusedOrCanonical(@ForAll("texts") String text) {
        QueryPosition parsed;
        try {
            parsed = QueryPosition.parse(text);
        } catch (QueryException e) {
            assertEquals(QueryException.INVALID_QUERY, e.code());
            return;
        }
        assertEquals(text, parsed.encode(), "only the canonical form of a position is accepted");
    }

    @Property
    void advanceNeverMovesALaneBack(@ForAll("positions") QueryPosition position,
            @ForAll @IntRange(min = 0, max = 20) int lane, @ForAll @LongRange(min = 0, max = 1000) long offset) {
        QueryPosition next = position.advance(lane, offset);
        assertTrue(next.after(lane).getAsLong() >= offset);
        position.lanes().forEach((l, o) -> assertTrue(next.after(l).getAsLong() >= o));
    }

    @Test
    void theStartIsTheBarePrefix() {
        assertEquals("q1:", QueryPosition.start().encode());
        assertEquals(QueryPosition.start(), QueryPosition.parse("q1:"));
        assertEquals("q1:0-17,3-4", QueryPosition.of(Map.of(3, 4L, 0, 17L)).encode());
        assertThrows(QueryException.class, () -> QueryPosition.parse("q1:3-4,0-17"));
        assertThrows(QueryException.class, () -> QueryPosition.parse("q1:01-4"));
        assertThrows(QueryException.class, () -> QueryPosition.parse("q2:0-1"));
        assertThrows(QueryException.class, () -> QueryPosition.of(Map.of(-1, 0L)));
    }

    @Provide
    Arbitrary<QueryPosition> positions() {
        return Arbitraries.maps(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).ofMaxSize(8).map(QueryPosition::of);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("q1:-,0123456789x ").ofMaxLength(24);
        return Arbitraries.oneOf(noise, noise.map(s -> "q1:" + s));
    }
}
