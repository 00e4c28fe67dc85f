package dev.batpak.kafka.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryJson;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The wire form of queries: events, pages, lane scans and regions read back exactly as written. */
class QueryJsonPropertiesTest {

    @Property(tries = 200)
    void eventsAndPagesRoundTrip(@ForAll("events") StoredEvent event) {
        StoredEvent back = QueryJson.readEventText(QueryJson.eventText(event));
        assertEquals(event, back);
        assertEquals(event.coordinate(), back.coordinate());
        assertEquals(event.payload(), back.payload());
        assertEquals(event.causes(), back.causes());
        assertEquals(event.extensions().keySet(), back.extensions().keySet());
        event.extensions().forEach((k, v) -> assertArrayEquals(v, back.extensions().get(k)));
        assertArrayEquals(event.prevHash(), back.prevHash());
        assertEquals(event.hlc(), back.hlc());
        QueryPage page = new QueryPage(List.of(event), QueryPosition.start().advance(event.lane(),
                event.journalOffset()), false);
        assertEquals(page, QueryJson.readPage(QueryJson.page(page)));
        LaneScan scan = new LaneScan(event.lane(), List.of(event), event.journalOffset(), event.hlc().packed(), true);
        assertEquals(scan, LaneScan.fromJson(scan.toJson()));
    }

    @Property
    void regionsRoundTripThroughQueryParameters(@ForAll("regions") Region region) {
        assertEquals(region, QueryJson.readRegion(QueryJson.regionParams(region)));
    }

    @Test
    void malformedRegionParametersAreInvalidQueries() {
        for (Map<String, String> params : List.of(Map.of("entity", "a/b"), Map.of("lane", "-1"),
                Map.of("clock", "5-1"), Map.of("clock", "x"), Map.of("kind", "1:1", "category", "1"),
                Map.of("category", "16"), Map.of("entity", "*"))) {
            QueryException e = assertThrows(QueryException.class, () -> QueryJson.readRegion(params), params::toString);
            assertEquals(QueryException.INVALID_QUERY, e.code(), params.toString());
        }
    }

    @Provide
    Arbitrary<StoredEvent> events() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<Payload> payload = Combinators.combine(Arbitraries.of(Payload.Encoding.values()), bytes,
                Arbitraries.integers().between(1, 5000).injectNull(0.5)).as((encoding, data, schemaId) ->
                new Payload(encoding, data, encoding == Payload.Encoding.AVRO && schemaId != null
                        ? OptionalInt.of(schemaId) : OptionalInt.empty()));
        Arbitrary<String> entity = Arbitraries.strings().withChars("abcé:_-0").ofMinLength(1).ofMaxLength(12);
        Arbitrary<TreeMap<String, byte[]>> extensions = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).map(s -> "app." + s), bytes)
                .ofMaxSize(3).map(TreeMap::new);
        return Combinators.combine(entity, payload, extensions, Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 2), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 3)).as((e, p, ext, kind, offset, lane, causes) -> {
                    List<CausationId> parents = java.util.stream.IntStream.range(0, causes)
                            .mapToObj(i -> CausationId.of(EventId.random())).toList();
                    return new StoredEvent(EventId.random(), Coordinate.of(e, "scope:" + lane), EventKind.fromRaw(kind),
                            lane, offset / 3, p, kind % 5, CorrelationId.of(EventId.random()), parents, kind, ext,
                            HlcTimestamp.of(offset % HlcTimestamp.MAX_PHYSICAL_MILLIS, kind), new byte[32],
                            filled(kind), offset / 2, offset);
                });
    }

    @Provide
    Arbitrary<Region> regions() {
        Arbitrary<Region> base = Arbitraries.of(Region.all(), Region.entity("a"), Region.entity("tenant:x é"),
                Region.scope("eu"));
        return Combinators.combine(base, Arbitraries.integers().between(-2, 15),
                Arbitraries.longs().between(0, 50).injectNull(0.5), Arbitraries.integers().between(0, 9).injectNull(0.5))
                .as((region, kind, clock, lane) -> {
                    Region r = kind == -2 ? region : kind == -1 ? region.withKind(EventKind.custom(1, 7))
                            : region.withCategory(kind);
                    r = clock == null ? r : r.withClockRange(clock, clock + 5);
                    return lane == null ? r : r.withLane(lane);
                });
    }

    private static byte[] filled(int seed) {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, (byte) seed);
        return hash;
    }
}
