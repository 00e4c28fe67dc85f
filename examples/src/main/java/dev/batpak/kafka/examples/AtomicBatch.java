package dev.batpak.kafka.examples;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchReceipt;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An atomic batch with causation inside it: an order, its invoice (caused by the order), its
 * shipment (caused by the invoice) and an audit record, proposed in one Kafka transaction. The
 * batch is all or nothing across lanes: every item is sealed or every item is denied. An item
 * caused by an earlier item of the same batch must be on that item's lane (here the invoice and
 * the shipment are pinned to the order's lane); the audit record lands on its own hash lane.
 *
 * <p>{@code AtomicBatch <bootstrap> <store> <lanes>}.
 */
public final class AtomicBatch {

    private AtomicBatch() {
    }

    /** Appends the batch, waits until every item is visible, and returns the sealed events. */
    public static List<StoredEvent> run(String bootstrap, String store, int lanes) {
        try (EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(lanes).build())) {
            String id = Long.toString(System.nanoTime());
            EventKind kind = EventKind.custom(3, 1);
            AppendOptions orderLane = AppendOptions.none().lane(events.laneOf("order:" + id));
            List<BatchItem> items = List.of(
                    BatchItem.of(Coordinate.of("order:" + id, "shop"), kind, Payload.json("{\"step\":\"order\"}")),
                    BatchItem.of(Coordinate.of("invoice:" + id, "billing"), kind, Payload.json("{\"step\":\"invoice\"}"))
                            .withOptions(orderLane).causedByItem(0),
                    BatchItem.of(Coordinate.of("shipment:" + id, "logistics"), kind,
                            Payload.json("{\"step\":\"shipment\"}")).withOptions(orderLane).causedByItem(1),
                    BatchItem.of(Coordinate.of("audit:" + id, "compliance"), kind, Payload.json("{\"step\":\"audit\"}")));
            BatchReceipt batch = events.appendBatch(items, AppendOptions.none());
            List<StoredEvent> sealed = new ArrayList<>();
            for (var item : batch.items()) {
                Outcome outcome = events.waitFor(item, Stage.VISIBLE, Duration.ofSeconds(30));
                if (!(outcome instanceof Outcome.Committed committed)) {
                    throw new IllegalStateException("a batch item was not committed: " + outcome);
                }
                sealed.add(committed.event());
                System.out.println(committed.event().coordinate() + " caused by "
                        + committed.event().primaryCause().map(Object::toString).orElse("(nothing: the root)"));
            }
            return sealed;
        }
    }

    /** {@code AtomicBatch <bootstrap> <store> <lanes>}. */
    public static void main(String[] args) {
        run(args[0], args[1], Integer.parseInt(args[2]));
    }
}
