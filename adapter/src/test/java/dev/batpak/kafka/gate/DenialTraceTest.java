package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The journal form of a denial: per-gate verdicts, the deciding denial, what was proposed. */
class DenialTraceTest {

    private static final int KIND = 0x1001;

    private final List<String> calls = new ArrayList<>();
    private final GateSet<Object> gates = GateSet.of(ScriptedGate.passing("a", calls), ScriptedGate.denying("b", calls),
            ScriptedGate.passing("c", calls));

    private static byte[] hash(int fill) {
        byte[] h = new byte[32];
        Arrays.fill(h, (byte) fill);
        return h;
    }

    @Test
    void gatesBeforeTheDenierPermitTheDenierDeniesLaterOnesAreSkipped() {
        Denial denial = Denial.of("b", "NO", "b says no").with("limit", "3");

        DenialTrace trace = gates.traceDenial(denial, KIND, hash(7), "orders");

        assertEquals(List.of(GateEvaluation.permit("a"),
                new GateEvaluation("b", new GateVerdict.Deny("NO", "b says no", denial.context())),
                GateEvaluation.skipped("c")), trace.evaluations());
        assertEquals("b", trace.failingGate());
        assertEquals(DenialTrace.GATE_DENIED, trace.code());
        assertEquals("b says no", trace.message());
        assertEquals(denial.context(), trace.context());
        assertEquals(KIND, trace.proposedKind());
        assertArrayEquals(hash(7), trace.proposedContentHash().orElseThrow());
        assertEquals(Optional.of("orders"), trace.pipelineId());
    }

    @Test
    void aFailingGateOutsideTheSetGetsATrailingDenyEntry() {
        Denial fromElsewhere = Denial.of("sequencer", "SEQUENCE_MISMATCH", "expected 4, head is 5");

        DenialTrace trace = gates.traceDenial(fromElsewhere, KIND);

        assertEquals(List.of(GateEvaluation.permit("a"), GateEvaluation.permit("b"), GateEvaluation.permit("c"),
                GateEvaluation.deny(fromElsewhere)), trace.evaluations());
        assertEquals(Optional.empty(), trace.proposedContentHash());
        assertEquals(Optional.empty(), trace.pipelineId());
    }

    @Test
    void theTraceOfAFailFastEvaluationEqualsTraceDenial() {
        Evaluation.Denied<String> denied = Evaluations.denied(gates.evaluate("ctx", Proposal.of("p")));

        assertEquals(gates.traceDenial(denied.denial(), KIND, hash(1), null), denied.trace(KIND, hash(1)));
    }

    @Test
    void aDefectIsTracedWithTheGateDefectCode() {
        GateSet<Object> set = GateSet.of(ScriptedGate.throwing("broken", calls));
        Denial defect = Evaluations.denied(set.evaluate("ctx", Proposal.of("p"))).denial();

        assertEquals(Denial.GATE_DEFECT, set.traceDenial(defect, KIND).code());
    }

    @Test
    void evaluateAllTraceHasPermitOrDenyForEveryGate() {
        GateSet<Object> set = GateSet.of(ScriptedGate.denying("x", calls), ScriptedGate.passing("y", calls),
                ScriptedGate.denying("z", calls));

        GateReport report = set.evaluateAll("ctx");
        DenialTrace trace = report.trace(KIND, null, "p1");

        assertEquals(3, trace.evaluations().size());
        assertEquals("x", trace.failingGate(), "the first denial decides the trace's code and message");
        assertEquals(List.of(GateVerdict.Deny.class, GateVerdict.Permit.class, GateVerdict.Deny.class),
                trace.evaluations().stream().map(e -> e.verdict().getClass()).toList());
    }

    @Test
    void aPassingReportHasNoTrace() {
        GateReport report = GateSet.of(ScriptedGate.passing("y", calls)).evaluateAll("ctx");

        assertEquals(GateException.Reason.INVALID_TRACE,
                assertThrows(GateException.class, () -> report.trace(KIND, null, null)).reason());
    }

    @Test
    void theContentHashIsCopiedInAndOutAndComparedByContent() {
        byte[] h = hash(9);
        DenialTrace trace = gates.traceDenial(Denial.of("b", "m"), KIND, h, null);

        h[0] = 0;
        trace.proposedContentHash().orElseThrow()[1] = 0;

        assertArrayEquals(hash(9), trace.proposedContentHash().orElseThrow());
        assertEquals(trace, gates.traceDenial(Denial.of("b", "m"), KIND, hash(9), null));
        assertEquals(trace.hashCode(), gates.traceDenial(Denial.of("b", "m"), KIND, hash(9), null).hashCode());
        assertNotEquals(trace, gates.traceDenial(Denial.of("b", "m"), KIND, hash(8), null));
    }

    @Test
    void outOfRangeFieldsAreRefused() {
        Denial denial = Denial.of("b", "m");
        for (int kind : new int[] {-1, 0x10000}) {
            assertEquals(GateException.Reason.INVALID_TRACE,
                    assertThrows(GateException.class, () -> gates.traceDenial(denial, kind)).reason());
        }
        assertEquals(GateException.Reason.INVALID_TRACE,
                assertThrows(GateException.class, () -> gates.traceDenial(denial, KIND, new byte[31], null)).reason());
        assertEquals(GateException.Reason.INVALID_GATE_ID,
                assertThrows(GateException.class, () -> gates.traceDenial(denial, KIND, null, "")).reason());
        assertEquals(0xFFFF, gates.traceDenial(denial, 0xFFFF).proposedKind());
    }

    @Test
    void aTraceMustRecordTheDecidingDenial() {
        GateException e = assertThrows(GateException.class, () -> new DenialTrace("b", "GATE_DENIED", "m",
                List.of(), List.of(GateEvaluation.permit("b")), KIND, Optional.empty(), Optional.empty()));

        assertEquals(GateException.Reason.INVALID_TRACE, e.reason());
    }

    @Test
    void gateEvaluationIdsAreValidated() {
        assertThrows(GateException.class, () -> GateEvaluation.permit(""));
        assertThrows(GateException.class, () -> GateEvaluation.skipped("\u00fcber"));
    }
}
