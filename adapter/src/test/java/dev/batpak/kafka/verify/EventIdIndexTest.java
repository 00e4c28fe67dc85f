package dev.batpak.kafka.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compact id index behaves like a map from id to first position, across growth. */
class EventIdIndexTest {

    private record Id(long hi, long lo) {
    }

    @Provide
    Arbitrary<List<Id>> ids() {
        // A small domain in each half forces duplicates and colliding halves; up to 3000 entries
        // forces several resizes past the initial 1024 slots.
        Arbitrary<Long> half = Arbitraries.oneOf(Arbitraries.longs().between(0, 40), Arbitraries.longs());
        return half.tuple2().map(t -> new Id(t.get1(), t.get2())).list().ofMaxSize(3000);
    }

    @Property(tries = 100)
    void itRemembersWhereEachIdWasFirstSeen(@ForAll("ids") List<Id> ids) {
        EventIdIndex index = new EventIdIndex();
        Map<Id, Long> model = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Id id = ids.get(i);
            int slot = index.addOrFind(id.hi(), id.lo(), i % 7, i);
            Long first = model.putIfAbsent(id, (long) i);
            if (first == null) {
                assertEquals(-1, slot, "PROPERTY: a new id is added");
            } else {
                assertEquals(first, index.offsetAt(slot), "PROPERTY: a seen id gives its first offset");
                assertEquals((int) (first % 7), index.laneAt(slot), "PROPERTY: and its first lane");
            }
        }
        assertEquals(model.size(), index.size());
    }
}
