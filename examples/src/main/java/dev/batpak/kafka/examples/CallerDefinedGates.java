package dev.batpak.kafka.examples;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.gate.Committed;
import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.gate.Evaluation;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.gate.Pipeline;
import dev.batpak.kafka.gate.Proposal;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import java.util.Optional;

/**
 * Caller-defined gates in a {@link Pipeline}: evaluate a proposal against the caller's own
 * context, then commit it through the store only if every gate passed. A denial carries the
 * gate, a code, a message and context; nothing is appended.
 *
 * <p>{@code CallerDefinedGates <bootstrap> <store> <lanes>}.
 */
public final class CallerDefinedGates {

    /** The caller's context: who is acting and how much they may spend. */
    public record Checkout(String customer, int amount, int creditLimit) {
    }

    private CallerDefinedGates() {
    }

    /** The gates: amounts must be positive and within the customer's credit limit. */
    public static GateSet<Checkout> gates() {
        Gate<Checkout> positive = Gate.require("positive-amount", c -> c.amount() > 0, "NOT_POSITIVE",
                "an amount must be positive");
        Gate<Checkout> withinCredit = Gate.of("within-credit", "refuses amounts above the credit limit",
                c -> c.amount() <= c.creditLimit() ? Optional.empty()
                        : Optional.of(Denial.of("within-credit", "OVER_LIMIT", "amount exceeds the credit limit")
                                .with("amount", c.amount()).with("limit", c.creditLimit())));
        return GateSet.of(positive, withinCredit);
    }

    /**
     * Runs one checkout through the pipeline; returns the append receipt when the gates passed,
     * or the denial when one refused.
     */
    public static Object checkout(EventStore events, Checkout checkout) {
        Pipeline<Checkout> pipeline = Pipeline.of("checkout", gates());
        Evaluation<String> evaluation = pipeline.evaluate(checkout,
                Proposal.of("{\"customer\":\"" + checkout.customer() + "\",\"amount\":" + checkout.amount() + "}"));
        if (evaluation instanceof Evaluation.Denied<String> denied) {
            System.out.println("denied by " + denied.denial().gate() + ": " + denied.denial().code() + " "
                    + denied.denial().context());
            return denied.denial();
        }
        Evaluation.Passed<String> passed = (Evaluation.Passed<String>) evaluation;
        Committed<String, AppendReceipt> committed = pipeline.commit(passed.receipt(),
                json -> events.append(Coordinate.of("customer:" + checkout.customer(), "billing"),
                        EventKind.custom(2, 1), Payload.json(json)));
        System.out.println("committed " + committed.metadata().eventId());
        return committed.metadata();
    }

    /** {@code CallerDefinedGates <bootstrap> <store> <lanes>}. */
    public static void main(String[] args) {
        try (EventStore events = EventStore.open(StoreConfig.builder(args[0], args[1])
                .lanes(Integer.parseInt(args[2])).build())) {
            checkout(events, new Checkout("ada", 40, 100));
            checkout(events, new Checkout("ada", 400, 100));
        }
    }
}
