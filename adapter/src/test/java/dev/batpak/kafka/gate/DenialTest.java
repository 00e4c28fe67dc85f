package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value rules of {@link Denial}: ordered context, immutability, defect form, validation. */
class DenialTest {

    @Test
    void factoriesFillCodeAndContext() {
        assertEquals(new Denial("g", "", "m", List.of()), Denial.of("g", "m"));
        assertEquals(new Denial("g", "C", "m", List.of()), Denial.of("g", "C", "m"));
        assertEquals(List.of(Map.entry("a", "1")), Denial.of("g", "C", "m", List.of(Map.entry("a", "1"))).context());
    }

    @Test
    void contextKeepsOrderAndRepeatsAndIsImmutable() {
        Denial denial = Denial.of("g", "C", "m").with("z", "1").with("a", "2").with("z", 3);

        assertEquals(List.of(Map.entry("z", "1"), Map.entry("a", "2"), Map.entry("z", "3")), denial.context());
        assertEquals(Optional.of("1"), denial.contextValue("z"), "the first entry of a repeated key");
        assertEquals(Optional.empty(), denial.contextValue("missing"));
        assertThrows(UnsupportedOperationException.class, () -> denial.context().add(Map.entry("x", "y")));
    }

    @Test
    void contextIsCopiedSoTheCallerCannotChangeADenial() {
        List<Map.Entry<String, String>> mutable = new ArrayList<>();
        mutable.add(new AbstractMap.SimpleEntry<>("k", "v"));
        Denial denial = Denial.of("g", "C", "m", mutable);

        mutable.add(Map.entry("later", "x"));
        mutable.get(0).setValue("changed");

        assertEquals(List.of(Map.entry("k", "v")), denial.context());
    }

    @Test
    void equalityIsByValue() {
        assertEquals(Denial.of("g", "C", "m").with("k", "v"), Denial.of("g", "C", "m").with("k", "v"));
        assertNotEquals(Denial.of("g", "C", "m").with("k", "v"), Denial.of("g", "C", "m").with("k", "w"));
    }

    @Test
    void defectCarriesExceptionClassAndMessage() {
        Denial defect = Denial.defect("g", new IllegalArgumentException("bad input"));
        Denial noMessage = Denial.defect("g", new NullPointerException());

        assertEquals(Denial.GATE_DEFECT, defect.code());
        assertTrue(defect.isDefect());
        assertTrue(defect.message().contains("java.lang.IllegalArgumentException: bad input"), defect.message());
        assertEquals(List.of(Map.entry("exception", "java.lang.IllegalArgumentException"),
                Map.entry("exceptionMessage", "bad input")), defect.context());
        assertEquals(Optional.of(""), noMessage.contextValue("exceptionMessage"));
        assertFalse(Denial.of("g", "m").isDefect());
    }

    @Test
    void invalidPartsAreRefusedWithTypedErrors() {
        assertEquals(GateException.Reason.INVALID_GATE_ID,
                assertThrows(GateException.class, () -> Denial.of("", "m")).reason());
        assertEquals(GateException.Reason.INVALID_GATE_ID,
                assertThrows(GateException.class, () -> Denial.of("bell\u0007", "m")).reason());
        assertEquals(GateException.Reason.INVALID_DENIAL,
                assertThrows(GateException.class, () -> Denial.of("g", null, "m")).reason());
        assertEquals(GateException.Reason.INVALID_DENIAL,
                assertThrows(GateException.class, () -> Denial.of("g", "C", null)).reason());
        assertEquals(GateException.Reason.INVALID_DENIAL,
                assertThrows(GateException.class, () -> Denial.of("g", "C", "m", null)).reason());
        assertEquals(GateException.Reason.INVALID_DENIAL,
                assertThrows(GateException.class, () -> Denial.of("g", "m").with("k", (String) null)).reason());
        List<Map.Entry<String, String>> withNullEntry = new ArrayList<>();
        withNullEntry.add(null);
        assertThrows(GateException.class, () -> Denial.of("g", "C", "m", withNullEntry));
    }
}
