package dev.batpak.kafka.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** INV-EVENTKIND-PARSE-ROUNDTRIP and friends: strict and lenient constructors agree; forms round-trip. */
class EventKindLawsTest {

    /** Mostly near the interesting ranges, sometimes anywhere in int. */
    @Provide
    Arbitrary<Integer> categories() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 17), Arbitraries.integers());
    }

    @Provide
    Arbitrary<Integer> typeIds() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 4097), Arbitraries.integers());
    }

    /** Independent statement of which (category, typeId) pairs are product kinds. */
    private static boolean isProductKind(int category, int typeId) {
        return category >= 1 && category <= 15 && category != 0xD && typeId >= 0 && typeId < 4096;
    }

    @Property(tries = 3000)
    void tryCustomAcceptsExactlyWhatCustomAccepts(
            @ForAll("categories") int category, @ForAll("typeIds") int typeId) {
        Optional<EventKind> lenient = EventKind.tryCustom(category, typeId).toOptional();
        Optional<EventKind> strict;
        Optional<EventKindException.Reason> strictReason;
        try {
            strict = Optional.of(EventKind.custom(category, typeId));
            strictReason = Optional.empty();
        } catch (EventKindException e) {
            strict = Optional.empty();
            strictReason = Optional.of(e.reason());
        }
        assertEquals(strict, lenient, "PROPERTY: tryCustom and custom agree");
        assertEquals(isProductKind(category, typeId), lenient.isPresent());
        EventKind.Custom result = EventKind.tryCustom(category, typeId);
        if (result instanceof EventKind.Custom.Rejected rejected) {
            assertEquals(strictReason, Optional.of(rejected.reason()), "PROPERTY: same reason both ways");
        }
    }

    @Property(tries = 3000)
    void customDecomposesBack(@ForAll("categories") int category, @ForAll("typeIds") int typeId) {
        EventKind.tryCustom(category, typeId).toOptional().ifPresent(k -> {
            assertEquals(category, k.category());
            assertEquals(typeId, k.typeId());
            assertEquals((category << 12) | typeId, k.raw());
            assertTrue(!k.isReserved());
        });
    }

    /** All 65536 kinds, exhaustively: cheap, and leaves nothing to chance. */
    @Property(tries = 70_000, generation = GenerationMode.EXHAUSTIVE)
    void rawRoundTripsThroughEveryForm(@ForAll @IntRange(min = 0, max = 0xFFFF) int raw) {
        EventKind k = EventKind.fromRaw(raw);
        assertEquals(raw, k.raw());
        assertEquals(raw, (k.category() << 12) | k.typeId());
        assertEquals(k, EventKind.parse(k.toString()));
        assertEquals(k, EventKind.parse("0x" + Integer.toHexString(k.category()) + ":0x"
                + Integer.toHexString(k.typeId())));
        assertEquals(k.isSystem() || k.isEffect(), k.isReserved());
        assertEquals(k.category() == 0 || k.category() == 0xD, k.isReserved());
        if (!k.isReserved()) {
            assertEquals(k, EventKind.custom(k.category(), k.typeId()));
        }
    }
}
