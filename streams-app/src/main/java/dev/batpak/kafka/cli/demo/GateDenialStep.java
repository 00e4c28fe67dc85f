package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.GateDeniedException;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.GateEvaluation;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.store.EventStore;

/**
 * Shows both kinds of gates refusing: a client gate (nothing is sent) and a stateful gate in the
 * sequencer (the denial is a journal event on the same stream, with the full trace).
 */
public final class GateDenialStep implements DemoStep {

    @Override
    public String title() {
        return "Gates: a client gate refuses before sending; a stateful gate's denial is a journal event";
    }

    @Override
    public void run(DemoContext context) {
        EventStore store = context.get(OpenStoreStep.STORE);
        try {
            store.append(CommitStep.ORDER, WriteProposalStep.KIND, Payload.json("{\"quantity\":-5}"));
            throw new IllegalStateException("the client gate let a negative quantity through");
        } catch (GateDeniedException e) {
            context.say("client gate: " + e.code() + " by '" + e.trace().failingGate() + "': " + e.trace().message()
                    + " (nothing was sent)");
        }
        Outcome outcome = store.waitFor(store.append(CommitStep.ORDER, SequencerStep.ORDER_FLAGGED,
                Payload.json("{\"flag\":\"chargeback\"}")), Stage.VISIBLE, context.timeout());
        Outcome.Denied denied = (Outcome.Denied) outcome;
        context.say("stateful gate: " + denied.code() + ", denial event at clock " + denied.denialEvent().clock()
                + " of " + denied.denialEvent().coordinate() + "; trace:");
        for (GateEvaluation evaluation : denied.evaluations()) {
            context.say("  " + evaluation.gateId() + " -> " + verdict(evaluation.verdict()));
        }
        context.report("gateDenial", denied.code());
    }

    private static String verdict(GateVerdict verdict) {
        if (verdict instanceof GateVerdict.Deny deny) {
            return "DENY " + deny.code() + ": " + deny.message();
        }
        return verdict instanceof GateVerdict.Permit ? "permit" : "skipped";
    }
}
