package dev.batpak.kafka.coordinate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.batpak.kafka.event.EventKind;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Laws of {@link Region}: namespace prefix matching, conjunction of parts, unique identities. */
class RegionLawsTest {

    /** Entities over a tiny alphabet so that prefixes, namespaces and near misses are common. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("ab:").ofMinLength(1).ofMaxLength(5);
    }

    /** An entity that is often inside the prefix's namespace, sometimes only string-prefixed. */
    @Provide
    Arbitrary<String[]> prefixAndEntity() {
        return Combinators.combine(names(), Arbitraries.strings().withChars("ab:").ofMaxLength(4),
                        names(), Arbitraries.integers().between(0, 2))
                .as((p, suffix, other, mode) -> new String[] {
                    p, switch (mode) {
                        case 0 -> p + suffix;
                        case 1 -> p + ":" + suffix;
                        default -> other;
                    }
                });
    }

    @Property(tries = 2000)
    void prefixMatchesIffEqualOrInsideTheNamespace(@ForAll("prefixAndEntity") String[] pe) {
        String p = pe[0];
        String e = pe[1];
        boolean expected = e.equals(p) || e.startsWith(p + ":");
        Statistics.label("match").collect(expected);
        assertEquals(expected, Region.entity(p).matches(Coordinate.of(e, "s"), EventKind.DATA, 0, 0),
                "PROPERTY: entity " + e + " vs prefix " + p);
        assertEquals(expected, Region.entity(p).matchesEntity(e));
    }

    @Provide
    Arbitrary<Region> regions() {
        Arbitrary<Optional<String>> prefix = Arbitraries.of("a", "a:b", "b").optional();
        Arbitrary<Optional<String>> scope = Arbitraries.of("s", "t").optional();
        Arbitrary<KindFilter> fact = Arbitraries.oneOf(
                Arbitraries.just(KindFilter.any()),
                Arbitraries.integers().between(0, 2).map(KindFilter::category),
                Arbitraries.integers().between(0x1000, 0x1002).map(r -> KindFilter.exact(EventKind.fromRaw(r))),
                Arbitraries.integers().between(0x2000, 0x2001).map(r -> KindFilter.exact(EventKind.fromRaw(r))));
        Arbitrary<Optional<ClockRange>> clock = Combinators.combine(
                        Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 3))
                .as((x, y) -> new ClockRange(Math.min(x, y), Math.max(x, y))).optional();
        Arbitrary<OptionalInt> lane = Arbitraries.integers().between(0, 1).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
        return Combinators.combine(prefix, scope, fact, clock, lane).as(Region::new);
    }

    @Property(tries = 2000)
    void identityIsInjective(@ForAll("regions") Region r1, @ForAll("regions") Region r2) {
        if (r1.equals(r2)) {
            assertEquals(r1.identity(), r2.identity());
        } else {
            assertNotEquals(r1.identity(), r2.identity(),
                    "PROPERTY: different regions never share a checkpoint identity");
        }
    }

    @Provide
    Arbitrary<EventKind> kinds() {
        return Arbitraries.of(0x0000, 0x000F, 0x1000, 0x1001, 0x1002, 0x2000, 0x2001, 0xD001)
                .map(EventKind::fromRaw);
    }

    @Property(tries = 2000)
    void matchesIsTheConjunctionOfItsParts(
            @ForAll("regions") Region r,
            @ForAll("entities") String entity,
            @ForAll("scopes") String scope,
            @ForAll("kinds") EventKind kind,
            @ForAll("smallClocks") long clock,
            @ForAll("lanes") int lane) {
        boolean entityOk = r.entityPrefix().map(p -> entity.equals(p) || entity.startsWith(p + ":")).orElse(true);
        boolean scopeOk = r.scope().map(scope::equals).orElse(true);
        boolean factOk;
        KindFilter f = r.fact();
        if (f instanceof KindFilter.Exact exact) {
            factOk = exact.kind().raw() == kind.raw();
        } else if (f instanceof KindFilter.Category category) {
            factOk = (kind.raw() >> 12) == category.category();
        } else {
            factOk = true;
        }
        boolean clockOk = r.clockRange().map(c -> c.start() <= clock && clock <= c.end()).orElse(true);
        boolean laneOk = r.lane().isEmpty() || r.lane().getAsInt() == lane;
        boolean expected = entityOk && scopeOk && factOk && clockOk && laneOk;
        Statistics.label("match").collect(expected);
        assertEquals(expected, r.matches(Coordinate.of(entity, scope), kind, clock, lane));
    }

    /** Entities inside, at and beside the generated prefixes, so both outcomes are common. */
    @Provide
    Arbitrary<String> entities() {
        return Arbitraries.of("a", "a:b", "a:b:c", "a:bc", "ab", "b", "b:a", "c");
    }

    @Provide
    Arbitrary<String> scopes() {
        return Arbitraries.of("s", "t");
    }

    @Provide
    Arbitrary<Long> smallClocks() {
        return Arbitraries.longs().between(0, 4);
    }

    @Provide
    Arbitrary<Integer> lanes() {
        return Arbitraries.integers().between(0, 2);
    }
}
