package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.receipt.ReceiptVerification;
import dev.batpak.kafka.receipt.ReceiptVerifier;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.store.EventStore;
import java.util.HexFormat;

/**
 * Appends an event, waits until it is visible, and verifies its signed commit receipt offline —
 * with the sequencer's public key only, no broker.
 */
public final class CommitStep implements DemoStep {

    /** The stream the demo's orders go to. */
    static final Coordinate ORDER = Coordinate.of("order:2002", "shop");

    @Override
    public String title() {
        return "Append an event, wait for VISIBLE, verify its signed receipt offline";
    }

    @Override
    public void run(DemoContext context) {
        EventStore store = context.get(OpenStoreStep.STORE);
        AppendReceipt receipt = store.append(ORDER, WriteProposalStep.KIND,
                Payload.json("{\"item\":\"event-sourcing-101\",\"quantity\":2}"),
                AppendOptions.none().expect(ExpectedSequence.empty()));
        context.say("append returned (written and durable): " + receipt.eventId() + " lane " + receipt.lane()
                + " offset " + receipt.proposalOffset());
        Outcome.Committed committed = (Outcome.Committed) store.waitFor(receipt, Stage.VISIBLE, context.timeout());
        context.say("visible: committed at " + committed.event().coordinate() + " clock " + committed.event().clock()
                + ", event hash " + HexFormat.of().formatHex(committed.event().eventHash(), 0, 8) + "...");
        ReceiptVerification verdict = ReceiptVerifier.verify(committed.receipt(),
                VerifyingKeys.of(context.get(SequencerStep.SIGNING_KEY).verifyingKey()));
        context.say("receipt verified offline with the public key: " + verdict);
        context.report("committedClock", committed.event().clock());
        context.report("receiptVerified", verdict.isSigned());
    }
}
