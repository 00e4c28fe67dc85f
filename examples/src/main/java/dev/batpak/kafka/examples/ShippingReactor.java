package dev.batpak.kafka.examples;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.cursor.Cursor;
import dev.batpak.kafka.cursor.CursorAction;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.reactor.ReactorApp;
import dev.batpak.kafka.reactor.ReactorConfig;
import dev.batpak.kafka.reactor.TypedReactor;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A typed reactor: every {@code OrderPaid} asks for a shipment. The reaction is appended with
 * causation = the payment and the payment's correlation, exactly once, in the same Kafka
 * transaction as the reactor's input position; {@code waitFor(receipt, EMITTED)} returns once it
 * is committed.
 *
 * <p>{@code ShippingReactor <bootstrap> <store> <lanes> <state-dir>}.
 */
public final class ShippingReactor {

    /** An order was paid. */
    public record OrderPaid(String order, long cents) {
    }

    /** A shipment is requested for a paid order. */
    public record ShipmentRequested(String order) {
    }

    /** The kind and payload type of a payment. */
    public static final EventType<OrderPaid> PAID = EventType.json(OrderPaid.class, EventKind.custom(5, 1), 1);
    /** The kind and payload type of a shipment request. */
    public static final EventType<ShipmentRequested> REQUESTED =
            EventType.json(ShipmentRequested.class, EventKind.custom(5, 2), 1);

    private ShippingReactor() {
    }

    /** The reactor: one shipment request per payment, on entity {@code shipment:<order>}. */
    public static TypedReactor<OrderPaid, ShipmentRequested> reactor() {
        return TypedReactor.of("shipping", PAID, REQUESTED, (source, paid) -> List.of(new TypedReactor.Target<>(
                Coordinate.of("shipment:" + paid.order(), "logistics"), new ShipmentRequested(paid.order()))));
    }

    /** Runs the reactor, pays one order, waits for EMITTED and returns the reaction read back. */
    public static StoredEvent run(String bootstrap, String store, int lanes, Path stateDir) {
        ReactorConfig config = ReactorConfig.builder(bootstrap, store, "examples").stateDir(stateDir).build();
        try (ReactorApp app = new ReactorApp(config, List.of(reactor()));
                EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(lanes).build())) {
            app.start(Duration.ofSeconds(60));
            String order = "order:" + System.nanoTime();
            AppendReceipt paid = events.append(Coordinate.of(order, "billing"), PAID, new OrderPaid(order, 4_200),
                    AppendOptions.none());
            events.waitFor(paid, Stage.EMITTED, Duration.ofSeconds(30));
            StoredEvent reaction = firstReaction(bootstrap, store, lanes, "shipment:" + order);
            System.out.println(reaction.coordinate() + " caused by " + reaction.primaryCause().orElseThrow());
            return reaction;
        }
    }

    /** Reads the shipment request with a one-off cursor over its entity. */
    private static StoredEvent firstReaction(String bootstrap, String store, int lanes, String entity) {
        AtomicReference<StoredEvent> found = new AtomicReference<>();
        try (Cursor cursor = Cursor.open(bootstrap, store, lanes, "examples-" + System.nanoTime(),
                Region.entity(entity).withKind(REQUESTED.kind()), Duration.ofSeconds(30))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.get() == null && System.nanoTime() < deadline) {
                cursor.poll(Duration.ofMillis(200), event -> {
                    found.set(event);
                    return CursorAction.STOP;
                });
            }
        }
        if (found.get() == null) {
            throw new IllegalStateException("EMITTED was reached but no reaction on " + entity + " was read");
        }
        return found.get();
    }

    /** {@code ShippingReactor <bootstrap> <store> <lanes> <state-dir>}. */
    public static void main(String[] args) {
        run(args[0], args[1], Integer.parseInt(args[2]), Path.of(args[3]));
    }
}
