package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import java.util.List;

/**
 * Optimistic concurrency and idempotency: two writers expect the same head and exactly one
 * wins; a keyed retry returns the original event instead of a second one.
 */
public final class ConcurrencyStep implements DemoStep {

    @Override
    public String title() {
        return "Expected sequence (CAS) conflict, and an idempotent retry returning the original receipt";
    }

    @Override
    public void run(DemoContext context) {
        EventStore store = context.get(OpenStoreStep.STORE);
        List<StoredEvent> stream = store.readStream(CommitStep.ORDER.entity(), store.laneOf(CommitStep.ORDER.entity()),
                0, 1000, context.timeout());
        long head = stream.get(stream.size() - 1).clock();
        AppendOptions expectHead = AppendOptions.none().expect(ExpectedSequence.of(head));
        AppendReceipt first = store.append(CommitStep.ORDER, WriteProposalStep.KIND, Payload.json("{\"paid\":true}"),
                expectHead);
        AppendReceipt second = store.append(CommitStep.ORDER, WriteProposalStep.KIND,
                Payload.json("{\"cancelled\":true}"), expectHead);
        Outcome a = store.waitFor(first, Stage.VISIBLE, context.timeout());
        Outcome.Denied b = (Outcome.Denied) store.waitFor(second, Stage.VISIBLE, context.timeout());
        context.say("both expected head clock " + head + ": the first " + (a instanceof Outcome.Committed
                ? "committed" : "was denied") + ", the second was denied " + b.code() + " (actual "
                + b.contextValue("actual") + ")");
        context.report("casConflict", b.code());

        IdempotencyKey key = IdempotencyKey.forOperation("demo.refund", "order:2002", "1");
        AppendOptions keyed = AppendOptions.none().idempotencyKey(key);
        Outcome.Committed original = (Outcome.Committed) store.waitFor(store.append(CommitStep.ORDER,
                WriteProposalStep.KIND, Payload.json("{\"refund\":10}"), keyed), Stage.VISIBLE, context.timeout());
        Outcome.Committed retry = (Outcome.Committed) store.waitFor(store.append(CommitStep.ORDER,
                WriteProposalStep.KIND, Payload.json("{\"refund\":10}"), keyed), Stage.VISIBLE, context.timeout());
        context.say("idempotent retry: replayed=" + retry.replayed() + ", same event " + retry.event().eventId()
                + " at clock " + retry.event().clock() + " (original clock " + original.event().clock() + ")");
        context.report("idempotentReplay", retry.replayed() && retry.event().eventId().equals(original.event().eventId()));
    }
}
