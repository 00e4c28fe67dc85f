package dev.batpak.kafka.reactor;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventType;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The example typed reactor: every {@link OrderPlaced} asks for a shipment
 * ({@link ShipmentRequested} on entity {@code shipment:<order>}). It can be told to throw once
 * on one order, to show that a failed batch is rolled back and retried.
 */
final class ShippingReactor {

    static final EventKind ORDER_PLACED = EventKind.custom(3, 1);
    static final EventKind SHIPMENT_REQUESTED = EventKind.custom(3, 2);

    /** An order was placed. */
    record OrderPlaced(String order, int items) {
    }

    /** A shipment is requested for an order. */
    record ShipmentRequested(String order, int items) {
    }

    static final EventType<OrderPlaced> PLACED = EventType.json(OrderPlaced.class, ORDER_PLACED, 1);
    static final EventType<ShipmentRequested> REQUESTED = EventType.json(ShipmentRequested.class, SHIPMENT_REQUESTED, 1);

    private ShippingReactor() {
    }

    /** The reactor; it throws once when it meets the order held in {@code failOnce} (then clears it). */
    static TypedReactor<OrderPlaced, ShipmentRequested> reactor(AtomicReference<String> failOnce) {
        return TypedReactor.of("shipping", PLACED, REQUESTED, (source, placed) -> {
            String target = failOnce.get();
            if (placed.order().equals(target) && failOnce.compareAndSet(target, null)) {
                throw new IllegalStateException("injected failure on " + placed.order());
            }
            return List.of(new TypedReactor.Target<>(Coordinate.of("shipment:" + placed.order(), "shop"),
                    new ShipmentRequested(placed.order(), placed.items())));
        });
    }
}
