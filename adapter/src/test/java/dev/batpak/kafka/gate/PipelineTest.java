package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Evaluate then commit, the audited bypass, and what the pipeline refuses. */
class PipelineTest {

    /** The caller's context in these tests: who proposes and how big the payload is. */
    record Request(String user, int size) {
    }

    /** Stands in for what a store append would return. */
    record AppendMeta(long sequence) {
    }

    private final GateSet<Request> gates = GateSet.of(
            Gate.require("known-user", r -> !r.user().isEmpty(), "UNKNOWN_USER", "who is this?"),
            Gate.<Request>of("size-limit", "payloads up to 100", r -> r.size() <= 100 ? Optional.empty()
                    : Optional.of(Denial.of("size-limit", "TOO_LARGE", "payload too large")
                            .with("limit", 100).with("actual", r.size()))));
    private final Pipeline<Request> pipeline = Pipeline.of("orders", gates);
    private final List<String> written = new ArrayList<>();

    private AppendMeta write(String payload) {
        written.add(payload);
        return new AppendMeta(written.size() - 1L);
    }

    @Test
    void aPassingProposalIsCommittedByTheCallersFunction() {
        Evaluation<String> evaluation = pipeline.evaluate(new Request("ann", 10), Proposal.of("order-1"));

        Committed<String, AppendMeta> committed = pipeline.commit(Evaluations.passed(evaluation).receipt(), this::write);

        assertEquals(List.of("order-1"), written);
        assertEquals("order-1", committed.payload());
        assertEquals(new AppendMeta(0), committed.metadata());
        assertFalse(committed.bypassed());
        assertEquals(Optional.empty(), committed.bypassAudit());
    }

    @Test
    void aDeniedProposalCarriesTheDenialAndATraceWithThePipelineId() {
        Evaluation<String> evaluation = pipeline.evaluate(new Request("ann", 500), Proposal.of("order-2"));

        Evaluation.Denied<String> denied = Evaluations.denied(evaluation);
        assertFalse(evaluation.passed());
        assertEquals("TOO_LARGE", denied.denial().code());
        assertEquals(Optional.of("500"), denied.denial().contextValue("actual"));
        DenialTrace trace = denied.trace(0x1001, null);
        assertEquals(Optional.of("orders"), trace.pipelineId());
        assertEquals(List.of(GateEvaluation.permit("known-user"), GateEvaluation.deny(denied.denial())),
                trace.evaluations());
        assertTrue(written.isEmpty(), "the pipeline never writes");
    }

    @Test
    void bypassAuditSurvivesCommit() {
        BypassReason reason = BypassReason.approved("INC-4711", "restore order lost in the outage", "ops-lead");
        BypassReceipt<String> receipt = pipeline.bypass(Proposal.of("repair-1"), reason);

        assertEquals("repair-1", receipt.payload());
        assertEquals(reason, receipt.reason());
        Committed<String, AppendMeta> committed = pipeline.commitBypass(receipt, this::write);

        assertTrue(committed.bypassed(), "PROPERTY: a bypassed commit stays distinguishable");
        BypassAudit audit = committed.bypassAudit().orElseThrow();
        assertEquals("INC-4711", audit.reason().name());
        assertEquals("restore order lost in the outage", audit.reason().justification());
        assertEquals(Optional.of("ops-lead"), audit.reason().approvedBy());
        assertEquals(Optional.of("orders"), audit.pipelineId());
        assertEquals(List.of("known-user", "size-limit"), audit.gatesBypassed());
        assertEquals(List.of("repair-1"), written);
        assertEquals(new AppendMeta(0), committed.metadata());
    }

    @Test
    void aBypassReceiptIsConsumedOnce() {
        BypassReceipt<String> receipt = pipeline.bypass(Proposal.of("x"), BypassReason.of("MIGRATION-7", "backfill"));
        pipeline.commitBypass(receipt, this::write);

        assertTrue(receipt.isConsumed());
        ReceiptConsumedException e = assertThrows(ReceiptConsumedException.class,
                () -> pipeline.commitBypass(receipt, this::write));
        assertEquals("BypassReceipt", e.receiptType());
        assertEquals(1, written.size());
    }

    @Test
    void aReceiptFromAnotherGateSetIsRefusedWithoutWriting() {
        GateSet<Request> otherGates = GateSet.empty();
        GuardReceipt<String> foreign = Evaluations.passed(otherGates.evaluate(new Request("", 1000),
                Proposal.of("sneaky"))).receipt();

        GateException e = assertThrows(GateException.class, () -> pipeline.commit(foreign, this::write));

        assertEquals(GateException.Reason.FOREIGN_RECEIPT, e.reason());
        assertTrue(written.isEmpty());
        assertFalse(foreign.isConsumed(), "a refused receipt is not spent");
    }

    @Test
    void aBypassReceiptFromAnotherPipelineIsRefused() {
        Pipeline<Request> other = Pipeline.of(gates);
        BypassReceipt<String> receipt = other.bypass(Proposal.of("x"), BypassReason.of("OPS-1", "because"));

        assertEquals(GateException.Reason.FOREIGN_RECEIPT,
                assertThrows(GateException.class, () -> pipeline.commitBypass(receipt, this::write)).reason());
        assertTrue(written.isEmpty());
    }

    @Test
    void aReceiptFromTheSameGateSetEvaluatedDirectlyIsAccepted() {
        GuardReceipt<String> receipt = Evaluations.passed(gates.evaluate(new Request("bo", 1), Proposal.of("ok")))
                .receipt();

        assertEquals("ok", pipeline.commit(receipt, this::write).payload());
    }

    @Test
    void nullCommitMetadataIsRefused() {
        GuardReceipt<String> receipt = Evaluations.passed(pipeline.evaluate(new Request("ann", 1), Proposal.of("p")))
                .receipt();

        GateException e = assertThrows(GateException.class, () -> pipeline.commit(receipt, p -> null));

        assertEquals(GateException.Reason.MISSING_COMMIT_METADATA, e.reason());
        assertEquals("MISSING_COMMIT_METADATA", e.code());
    }

    @Test
    void aFailingWriteStillSpendsTheReceipt() {
        GuardReceipt<String> receipt = Evaluations.passed(pipeline.evaluate(new Request("ann", 1), Proposal.of("p")))
                .receipt();

        assertThrows(IllegalStateException.class, () -> pipeline.commit(receipt, p -> {
            throw new IllegalStateException("broker down");
        }));
        assertTrue(receipt.isConsumed(), "a receipt is consumed before the write, so a racing retry cannot double-write");
    }

    @Test
    void bypassReasonsNeedANameAndAJustification() {
        for (String[] bad : new String[][] {{"", "why"}, {null, "why"}, {"OPS-1", ""}, {"OPS-1", "  "},
                {"OPS-1", null}, {"tab\tname", "why"}}) {
            GateException e = assertThrows(GateException.class, () -> BypassReason.of(bad[0], bad[1]));
            assertEquals(GateException.Reason.INVALID_BYPASS_REASON, e.reason());
        }
        assertThrows(GateException.class, () -> BypassReason.approved("OPS-1", "why", " "));
        assertEquals(Optional.empty(), BypassReason.of("OPS-1", "why").approvedBy());
    }

    @Test
    void pipelineIdsAreValidated() {
        assertEquals(GateException.Reason.INVALID_GATE_ID,
                assertThrows(GateException.class, () -> Pipeline.of("", gates)).reason());
        assertEquals(Optional.empty(), Pipeline.of(gates).pipelineId());
        assertEquals(gates, Pipeline.of(gates).gates());
    }
}
