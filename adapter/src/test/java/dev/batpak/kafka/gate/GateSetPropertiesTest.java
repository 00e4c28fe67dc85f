package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.gate.ScriptedGate.Behaviour;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of gate evaluation over random gate sets whose gates pass, deny or throw: the
 * decision, the collected denials and the trace all follow registration order exactly.
 */
class GateSetPropertiesTest {

    /** A set of scripted gates named g0, g1, ... in script order, all logging into {@code calls}. */
    private static GateSet<Object> build(List<Behaviour> script, List<String> calls) {
        GateSet.Builder<Object> builder = GateSet.builder();
        for (int i = 0; i < script.size(); i++) {
            builder.add(new ScriptedGate("g" + i, script.get(i), calls));
        }
        return builder.build();
    }

    private static int firstNonPass(List<Behaviour> script) {
        return IntStream.range(0, script.size()).filter(i -> script.get(i) != Behaviour.PASS).findFirst().orElse(-1);
    }

    private static String expectedCode(int index, Behaviour behaviour) {
        return behaviour == Behaviour.THROW ? Denial.GATE_DEFECT : "DENIED_BY_G" + index;
    }

    @Property
    void evaluateReturnsExactlyTheFirstNonPassInOrder(@ForAll @Size(max = 20) List<Behaviour> script) {
        List<String> calls = new ArrayList<>();
        GateSet<Object> gates = build(script, calls);

        Evaluation<String> evaluation = gates.evaluate("ctx", Proposal.of("p"));

        int first = firstNonPass(script);
        if (first < 0) {
            GuardReceipt<String> receipt = Evaluations.passed(evaluation).receipt();
            assertEquals(gates.names(), receipt.gatesPassed(), "PROPERTY: a passing receipt names every gate in order");
            assertEquals(gates.names(), calls);
        } else {
            Denial denial = Evaluations.denied(evaluation).denial();
            assertEquals("g" + first, denial.gate(), "PROPERTY: the first non-passing gate decides");
            assertEquals(expectedCode(first, script.get(first)), denial.code());
            assertEquals(gates.names().subList(0, first + 1), calls,
                    "PROPERTY: no gate after the denier is called");
        }
    }

    @Property
    void evaluateAllReturnsEveryNonPassInOrder(@ForAll @Size(max = 20) List<Behaviour> script) {
        List<String> calls = new ArrayList<>();
        GateSet<Object> gates = build(script, calls);

        GateReport report = gates.evaluateAll("ctx");

        List<Integer> nonPass = IntStream.range(0, script.size()).filter(i -> script.get(i) != Behaviour.PASS)
                .boxed().toList();
        assertEquals(nonPass.stream().map(i -> "g" + i).toList(), report.denials().stream().map(Denial::gate).toList(),
                "PROPERTY: evaluateAll collects every denial, in registration order");
        assertEquals(nonPass.stream().map(i -> expectedCode(i, script.get(i))).toList(),
                report.denials().stream().map(Denial::code).toList());
        assertEquals(gates.names(), calls, "PROPERTY: evaluateAll asks every gate exactly once");
        assertEquals(script.size(), report.evaluations().size());
        for (int i = 0; i < script.size(); i++) {
            GateEvaluation entry = report.evaluations().get(i);
            assertEquals("g" + i, entry.gateId());
            Class<? extends GateVerdict> expected =
                    script.get(i) == Behaviour.PASS ? GateVerdict.Permit.class : GateVerdict.Deny.class;
            assertInstanceOf(expected, entry.verdict());
        }
        assertEquals(nonPass.isEmpty(), report.passed());
    }

    @Property
    void failFastTraceIsPermitsThenOneDenyThenSkips(@ForAll @Size(min = 1, max = 20) List<Behaviour> script,
            @ForAll @IntRange(min = 0, max = 0xFFFF) int kind) {
        List<String> calls = new ArrayList<>();
        GateSet<Object> gates = build(script, calls);
        int first = firstNonPass(script);
        if (first < 0) {
            assertTrue(gates.evaluate("ctx", Proposal.of("p")).passed());
            return;
        }

        DenialTrace trace = Evaluations.denied(gates.evaluate("ctx", Proposal.of("p"))).trace(kind, null);

        assertEquals(script.size(), trace.evaluations().size(), "PROPERTY: one trace entry per gate");
        for (int i = 0; i < script.size(); i++) {
            GateEvaluation entry = trace.evaluations().get(i);
            assertEquals("g" + i, entry.gateId());
            Class<? extends GateVerdict> expected = i < first ? GateVerdict.Permit.class
                    : i == first ? GateVerdict.Deny.class : GateVerdict.Skipped.class;
            assertInstanceOf(expected, entry.verdict(), "PROPERTY: trace shape is Permit* Deny Skipped*, entry " + i);
        }
        assertEquals("g" + first, trace.failingGate());
        assertEquals(kind, trace.proposedKind());
        assertEquals(gates.traceDenial(Evaluations.denied(gates.evaluate("ctx", Proposal.of("p"))).denial(), kind),
                trace, "PROPERTY: traceDenial reproduces the evaluation's trace");
    }

    @Property
    void traceOfAForeignDenialIsAllPermitsThenATrailingDeny(@ForAll @Size(max = 20) List<Behaviour> script) {
        GateSet<Object> gates = build(script, new ArrayList<>());
        Denial foreign = Denial.of("not-in-set", "X", "outside");

        DenialTrace trace = gates.traceDenial(foreign, 0x1000);

        assertEquals(script.size() + 1, trace.evaluations().size());
        trace.evaluations().subList(0, script.size())
                .forEach(e -> assertInstanceOf(GateVerdict.Permit.class, e.verdict()));
        assertEquals(GateEvaluation.deny(foreign), trace.evaluations().get(script.size()));
    }
}
