package dev.batpak.kafka.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.coordinate.KindFilter;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The merge law: reading a region page after page over an index that does not change returns
 * every selected event exactly once, each lane in commit order, all of them in {@code (hlc, lane)}
 * order, with no page over its limit, whatever the limit and the scan budget.
 */
class PagingLawPropertiesTest {

    private static final String[] ENTITIES = {"a", "a:x", "a:x:y", "ab", "b", "b:a"};
    private static final String[] SCOPES = {"eu", "us"};
    private static final int[] KINDS = {0x1001, 0x1002, 0x2001, EventKind.SYSTEM_DENIAL.raw()};

    /** One generated event: lane, entity, scope, kind indexes and the HLC step on its lane. */
    record Spec(int lane, int entity, int scope, int kind, int step) {
    }

    @Property(tries = 300)
    void pagesAreTheHlcMergeOfTheLanesEachEventOnce(@ForAll("journals") List<Spec> journal,
            @ForAll @IntRange(min = 1, max = 4) int lanes, @ForAll("regions") Region region,
            @ForAll @IntRange(min = 1, max = 7) int limit, @ForAll @IntRange(min = 1, max = 9) int budget) {
        MemoryLanes index = build(journal, lanes, budget);
        QueryService service = new QueryService(index);
        Region bounded = region.lane().isPresent() && region.lane().getAsInt() >= lanes
                ? region.withLane(lanes - 1) : region;

        List<StoredEvent> read = new ArrayList<>();
        QueryPosition position = QueryPosition.start();
        int pages = 0;
        while (true) {
            QueryPage page = service.page(bounded, position, limit);
            assertTrue(page.events().size() <= limit, "a page holds at most the limit");
            read.addAll(page.events());
            position = page.next();
            if (page.complete()) {
                break;
            }
            assertTrue(++pages <= journal.size() + 2, "every page makes progress");
        }

        List<StoredEvent> expected = index.events().stream().filter(e -> selected(bounded, e))
                .sorted(Comparator.<StoredEvent>comparingLong(e -> e.hlc().packed()).thenComparingInt(StoredEvent::lane))
                .toList();
        assertEquals(ids(expected), ids(read), "the pages are the (hlc, lane) merge, each event once");
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (StoredEvent event : read) {
            Long previous = lastOffset.put(event.lane(), event.journalOffset());
            assertTrue(previous == null || previous < event.journalOffset(), "commit order within a lane");
        }
        QueryPage after = service.page(bounded, position, limit);
        assertTrue(after.events().isEmpty(), "resuming after the last page is exclusive");
        assertTrue(after.complete());
    }

    @Test
    void denialsAreSelectedOnlyWhenTheKindFilterAsksForThem() {
        MemoryLanes index = new MemoryLanes(1, 100);
        index.add(0, "a", "eu", 0x1001, 10);
        StoredEvent denial = index.add(0, "a", "eu", EventKind.SYSTEM_DENIAL.raw(), 20);
        QueryService service = new QueryService(index);
        assertEquals(1, service.page(Region.entity("a"), QueryPosition.start(), 10).events().size());
        assertEquals(List.of(denial.eventId()), ids(service.page(Region.entity("a").withKind(EventKind.SYSTEM_DENIAL),
                QueryPosition.start(), 10).events()));
        assertEquals(List.of(denial.eventId()), ids(service.page(Region.all().withCategory(0), QueryPosition.start(),
                10).events()));
        assertEquals(denial, service.get(denial.eventId()), "get finds a denial by id");
    }

    @Test
    void anEntityPrefixIsANamespaceAtAnyDepth() {
        MemoryLanes index = new MemoryLanes(1, 100);
        StringBuilder deep = new StringBuilder("t");
        for (int i = 0; i < QueryLayout.MAX_NAMESPACE_DEPTH + 3; i++) {
            deep.append(":n").append(i);
        }
        StoredEvent inside = index.add(0, deep + ":leaf", "eu", 0x1001, 1);
        index.add(0, deep + "x", "eu", 0x1001, 2);
        index.add(0, "t2", "eu", 0x1001, 3);
        QueryService service = new QueryService(index);
        assertEquals(List.of(inside.eventId()), ids(service.page(Region.entity(deep.toString()), QueryPosition.start(),
                10).events()));
        assertEquals(2, service.page(Region.entity("t"), QueryPosition.start(), 10).events().size());
        QueryPage first = service.page(Region.entity("t"), QueryPosition.start(), 1);
        assertFalse(first.complete());
        assertEquals(List.of(inside.eventId()), ids(first.events()));
    }

    private static boolean selected(Region region, StoredEvent event) {
        boolean denial = event.kind().equals(EventKind.SYSTEM_DENIAL);
        return region.matches(event.coordinate(), event.kind(), event.clock(), event.lane())
                && (!denial || !(region.fact() instanceof KindFilter.Any));
    }

    private static MemoryLanes build(List<Spec> journal, int lanes, int budget) {
        MemoryLanes index = new MemoryLanes(lanes, budget);
        long[] hlc = new long[lanes];
        for (Spec spec : journal) {
            int lane = spec.lane() % lanes;
            hlc[lane] += spec.step();
            index.add(lane, ENTITIES[spec.entity()], SCOPES[spec.scope()], KINDS[spec.kind()], hlc[lane]);
        }
        return index;
    }

    private static List<EventId> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::eventId).toList();
    }

    @Provide
    Arbitrary<List<Spec>> journals() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, ENTITIES.length - 1), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, KINDS.length - 1), Arbitraries.integers().between(1, 4))
                .as(Spec::new);
        return spec.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<Region> regions() {
        return Arbitraries.of(Region.all(), Region.entity("a"), Region.entity("a:x"), Region.entity("b"),
                Region.scope("eu"), Region.all().withKind(EventKind.fromRaw(0x1001)), Region.all().withCategory(1),
                Region.all().withKind(EventKind.SYSTEM_DENIAL), Region.entity("a").withScope("us"),
                Region.all().withLane(1), Region.scope("us").withCategory(2),
                Region.entity("a").withClockRange(1, 3));
    }
}
