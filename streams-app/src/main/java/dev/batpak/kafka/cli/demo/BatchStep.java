package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchReceipt;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.store.EventStore;
import java.util.List;

/** An atomic batch (one Kafka transaction) whose second item is caused by the first. */
public final class BatchStep implements DemoStep {

    @Override
    public String title() {
        return "An atomic batch: an invoice caused by its order, proposed in one Kafka transaction";
    }

    @Override
    public void run(DemoContext context) {
        EventStore store = context.get(OpenStoreStep.STORE);
        List<BatchItem> items = List.of(
                BatchItem.of(Coordinate.of("order:3003", "shop"), WriteProposalStep.KIND, Payload.json("{\"total\":42}")),
                // An item caused by an earlier item of its batch shares that item's lane.
                BatchItem.of(Coordinate.of("invoice:3003", "billing"), WriteProposalStep.KIND,
                        Payload.json("{\"amount\":42}")).withOptions(AppendOptions.none()
                        .lane(store.laneOf("order:3003"))).causedByItem(0));
        BatchReceipt batch = store.appendBatch(items, AppendOptions.none().waitFor(Stage.VISIBLE, context.timeout()));
        Outcome.Committed invoice = (Outcome.Committed) store.waitFor(batch.item(1), Stage.VISIBLE, context.timeout());
        context.say("batch " + batch.batchId() + ": " + batch.items().size() + " items visible; the invoice "
                + invoice.event().eventId() + " is caused by " + invoice.event().primaryCause().orElseThrow());
        context.report("batchItems", batch.items().size());
    }
}
