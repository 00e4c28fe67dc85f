package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ordered, fail-fast and collect-all evaluation of a {@link GateSet}, and how it treats defective gates. */
class GateSetTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void emptySetPassesWithNoGatesPassed() {
        Evaluation<String> result = GateSet.empty().evaluate("ctx", Proposal.of("payload"));

        Evaluation.Passed<String> passed = Evaluations.passed(result);
        assertEquals("payload", passed.receipt().payload());
        assertEquals(List.of(), passed.receipt().gatesPassed());
        assertTrue(GateSet.empty().evaluateAll("ctx").passed());
    }

    @Test
    void allPassingGatesAreNamedInTheReceiptInOrder() {
        GateSet<Object> gates = GateSet.of(ScriptedGate.passing("a", calls), ScriptedGate.passing("b", calls),
                ScriptedGate.passing("c", calls));

        Evaluation.Passed<String> passed = Evaluations.passed(gates.evaluate("ctx", Proposal.of("p")));

        assertEquals(List.of("a", "b", "c"), passed.receipt().gatesPassed());
        assertEquals(List.of("a", "b", "c"), calls);
    }

    @Test
    void failFastStopsAtFirstDenialAndLaterGatesAreNotCalled() {
        GateSet<Object> gates = GateSet.of(ScriptedGate.passing("a", calls), ScriptedGate.denying("b", calls),
                ScriptedGate.denying("c", calls), ScriptedGate.passing("d", calls));

        Evaluation.Denied<String> denied = Evaluations.denied(gates.evaluate("ctx", Proposal.of("p")));

        assertEquals("b", denied.denial().gate(), "PROPERTY: the first denial in registration order wins");
        assertEquals("DENIED_BY_B", denied.denial().code());
        assertEquals(List.of("a", "b"), calls, "PROPERTY: gates after the denier are never called");
        assertEquals(List.of(GateEvaluation.permit("a"), GateEvaluation.deny(denied.denial()),
                GateEvaluation.skipped("c"), GateEvaluation.skipped("d")), denied.evaluations());
    }

    @Test
    void evaluateAllRunsEveryGateAndCollectsDenialsInOrder() {
        GateSet<Object> gates = GateSet.of(ScriptedGate.denying("a", calls), ScriptedGate.passing("b", calls),
                ScriptedGate.denying("c", calls), ScriptedGate.throwing("d", calls), ScriptedGate.passing("e", calls));

        GateReport report = gates.evaluateAll("ctx");

        assertEquals(List.of("a", "b", "c", "d", "e"), calls);
        assertEquals(List.of("a", "c", "d"), report.denials().stream().map(Denial::gate).toList());
        assertEquals(List.of(GateVerdict.Deny.class, GateVerdict.Permit.class, GateVerdict.Deny.class,
                        GateVerdict.Deny.class, GateVerdict.Permit.class),
                report.evaluations().stream().map(e -> e.verdict().getClass()).toList());
        assertEquals("a", report.firstDenial().orElseThrow().gate());
    }

    @Test
    void registrationOrderIsEvaluationOrder() {
        List<ScriptedGate> registered = new ArrayList<>();
        for (String name : List.of("zeta", "alpha", "mu", "beta")) {
            registered.add(ScriptedGate.passing(name, calls));
        }
        GateSet<Object> gates = GateSet.of(registered);

        gates.evaluate("ctx", Proposal.of("p"));

        assertEquals(List.of("zeta", "alpha", "mu", "beta"), gates.names());
        assertEquals(List.of("zeta", "alpha", "mu", "beta"), calls);
        assertEquals(4, gates.size());
        assertSame(registered.get(2), gates.gates().get(2));
    }

    @Test
    void builderRefusesADuplicateGateName() {
        GateSet.Builder<Object> builder = GateSet.builder().add(ScriptedGate.passing("limit", calls));

        GateException e = assertThrows(GateException.class,
                () -> builder.add(ScriptedGate.denying("limit", calls)));

        assertEquals(GateException.Reason.DUPLICATE_GATE_NAME, e.reason());
        assertEquals("DUPLICATE_GATE_NAME", e.code());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertThrows(GateException.class,
                () -> GateSet.of(ScriptedGate.passing("x", calls), ScriptedGate.passing("x", calls)));
    }

    @Test
    void gateNamesMustBeNonEmptyPrintableAscii() {
        for (String bad : List.of("", "   ", "tab\there", "caf\u00e9", "x".repeat(257))) {
            GateException e = assertThrows(GateException.class,
                    () -> GateSet.of(ScriptedGate.passing(bad, calls)), "name " + bad);
            assertEquals(GateException.Reason.INVALID_GATE_ID, e.reason());
        }
        assertThrows(GateException.class, () -> GateSet.of(ScriptedGate.passing(null, calls)));
        assertEquals(List.of("size limit", "x".repeat(256)),
                GateSet.of(ScriptedGate.passing("size limit", calls), ScriptedGate.passing("x".repeat(256), calls))
                        .names());
    }

    @Test
    void aThrowingGateBecomesAGateDefectDenial() {
        GateSet<Object> gates = GateSet.of(ScriptedGate.passing("a", calls), ScriptedGate.throwing("broken", calls),
                ScriptedGate.passing("c", calls));

        Evaluation.Denied<String> denied = Evaluations.denied(gates.evaluate("ctx", Proposal.of("p")));

        Denial defect = denied.denial();
        assertEquals("broken", defect.gate());
        assertEquals(Denial.GATE_DEFECT, defect.code());
        assertTrue(defect.isDefect());
        assertTrue(defect.message().contains(IllegalStateException.class.getName()), defect.message());
        assertTrue(defect.message().contains("broken is broken"), defect.message());
        assertEquals(Optional.of(IllegalStateException.class.getName()), defect.contextValue("exception"));
        assertEquals(Optional.of("broken is broken"), defect.contextValue("exceptionMessage"));
        assertEquals(List.of("a", "broken"), calls);
    }

    @Test
    void evaluateAllKeepsGoingAfterADefect() {
        GateSet<Object> gates = GateSet.of(ScriptedGate.throwing("first", calls), ScriptedGate.passing("second", calls),
                ScriptedGate.denying("third", calls));

        GateReport report = gates.evaluateAll("ctx");

        assertEquals(List.of("first", "second", "third"), calls, "PROPERTY: a defect does not stop evaluateAll");
        assertEquals(List.of(Denial.GATE_DEFECT, "DENIED_BY_THIRD"),
                report.denials().stream().map(Denial::code).toList());
    }

    @Test
    void anAssertionErrorIsADefectButAVirtualMachineErrorPropagates() {
        Gate<Object> asserting = Gate.of("asserting", "", ctx -> {
            throw new AssertionError("invariant broken");
        });
        Gate<Object> outOfMemory = Gate.of("oom", "", ctx -> {
            throw new OutOfMemoryError("simulated");
        });

        Denial defect = GateSet.of(asserting).evaluateAll("ctx").denials().get(0);
        assertEquals(Denial.GATE_DEFECT, defect.code());
        assertEquals(Optional.of(AssertionError.class.getName()), defect.contextValue("exception"));

        GateSet<Object> fatal = GateSet.of(outOfMemory);
        assertThrows(OutOfMemoryError.class, () -> fatal.evaluate("ctx", Proposal.of("p")),
                "a VirtualMachineError leaves the JVM in no state to trust a denial either");
        assertThrows(OutOfMemoryError.class, () -> fatal.evaluateAll("ctx"));
    }

    @Test
    void aGateAnsweringNullIsADefect() {
        Gate<Object> answersNull = Gate.of("null-answer", "", ctx -> null);

        Denial defect = GateSet.of(answersNull).evaluateAll("ctx").denials().get(0);

        assertEquals("null-answer", defect.gate());
        assertEquals(Denial.GATE_DEFECT, defect.code());
    }

    @Test
    void aDenialNamingAnotherGateIsADefectOfTheGateThatReturnedIt() {
        Gate<Object> impostor = Gate.of("impostor", "", ctx -> Optional.of(Denial.of("someone-else", "X", "no")));

        Denial defect = GateSet.of(impostor).evaluateAll("ctx").denials().get(0);

        assertEquals("impostor", defect.gate(), "a trace must attribute every denial to a gate of the set");
        assertEquals(Denial.GATE_DEFECT, defect.code());
        assertEquals(Optional.of("someone-else"), defect.contextValue("deniedAs"));
    }

    @Test
    void theGateNameIsReadOnceAtRegistration() {
        int[] nameCalls = {0};
        Gate<Object> shifty = new Gate<>() {
            @Override
            public String name() {
                nameCalls[0]++;
                return "shifty-" + nameCalls[0];
            }

            @Override
            public Optional<Denial> evaluate(Object ctx) {
                return Optional.of(Denial.of("shifty-1", "no"));
            }
        };

        GateSet<Object> gates = GateSet.of(shifty);
        Evaluation.Denied<String> denied = Evaluations.denied(gates.evaluate("ctx", Proposal.of("p")));

        assertEquals(List.of("shifty-1"), gates.names());
        assertEquals("shifty-1", denied.denial().gate());
        assertEquals(1, nameCalls[0]);
    }

    @Test
    void requireGateDeniesWhenTheConditionIsFalse() {
        Gate<Integer> sizeLimit = Gate.require("size-limit", size -> size <= 10, "TOO_LARGE", "payload too large");
        GateSet<Integer> gates = GateSet.of(sizeLimit);

        assertTrue(gates.evaluate(5, Proposal.of("p")).passed());
        Evaluation.Denied<String> denied = Evaluations.denied(gates.evaluate(11, Proposal.of("p")));
        assertEquals(Denial.of("size-limit", "TOO_LARGE", "payload too large"), denied.denial());
    }

    @Test
    void aGateOnASupertypeContextServesASubtypeSet() {
        Gate<Object> anything = Gate.of("anything", "accepts all", ctx -> Optional.empty());
        Gate<CharSequence> nonEmpty = Gate.require("non-empty", cs -> cs.length() > 0, "EMPTY", "empty");

        GateSet<String> gates = GateSet.<String>builder().add(anything).add(nonEmpty).build();

        assertTrue(gates.evaluate("x", Proposal.of(1)).passed());
        assertEquals("accepts all", gates.gates().get(0).description());
        assertEquals(Map.entry("k", "v"), Denial.of("g", "m").with("k", "v").context().get(0));
    }
}
