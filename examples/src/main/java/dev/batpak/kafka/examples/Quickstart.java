package dev.batpak.kafka.examples;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import java.time.Duration;

/**
 * The smallest useful program: open a store, append a typed event, wait until the sequencer's
 * decision is visible, read the event back and decode it.
 *
 * <p>Run it against {@code ./batpak dev} (which prints the bootstrap address and runs the
 * sequencer): {@code Quickstart <bootstrap> <store> <lanes>}.
 */
public final class Quickstart {

    /** A typed event: an order was placed. */
    public record OrderPlaced(String orderId, int quantity) {
    }

    /** Binds {@link OrderPlaced} to kind 1:1, payload version 1, JSON. */
    public static final EventType<OrderPlaced> ORDER_PLACED =
            EventType.json(OrderPlaced.class, EventKind.custom(1, 1), 1);

    private Quickstart() {
    }

    /** Appends one order and returns it as decoded from the journal. */
    public static OrderPlaced run(String bootstrap, String store, int lanes) {
        try (EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(lanes).build())) {
            Coordinate order = Coordinate.of("order:" + System.nanoTime(), "shop");
            AppendReceipt receipt = events.append(order, ORDER_PLACED, new OrderPlaced(order.entity(), 3),
                    AppendOptions.none().expect(ExpectedSequence.empty()));
            System.out.println("appended " + receipt.eventId() + " to lane " + receipt.lane());
            Outcome outcome = events.waitFor(receipt, Stage.VISIBLE, Duration.ofSeconds(30));
            if (!(outcome instanceof Outcome.Committed committed)) {
                throw new IllegalStateException("the order was not committed: " + outcome);
            }
            StoredEvent stored = events.get(committed.event().eventId(), Duration.ofSeconds(30));
            OrderPlaced decoded = ORDER_PLACED.decode(stored);
            System.out.println("sealed at clock " + stored.clock() + ": " + decoded);
            return decoded;
        }
    }

    /** {@code Quickstart <bootstrap> <store> <lanes>}. */
    public static void main(String[] args) {
        run(args[0], args[1], Integer.parseInt(args[2]));
    }
}
