package dev.batpak.kafka.reactor;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The example outbox reactor: every placed order asks for a shipment (a reaction, as
 * {@link ShippingReactor}) and tells an external topic that the order was placed (an outbox
 * record keyed by the order). It can be told to throw once on one order.
 */
final class OutboxReactor implements Reactor {

    private final String outboxTopic;
    private final AtomicReference<String> failOnce;

    OutboxReactor(String outboxTopic, AtomicReference<String> failOnce) {
        this.outboxTopic = outboxTopic;
        this.failOnce = failOnce;
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public Set<EventKind> relevantKinds() {
        return Set.of(ShippingReactor.ORDER_PLACED);
    }

    @Override
    public Set<String> outboxTopics() {
        return Set.of(outboxTopic);
    }

    @Override
    public List<Reaction> react(StoredEvent event) {
        return respond(event).reactions();
    }

    @Override
    public ReactorOutput respond(StoredEvent event) {
        ShippingReactor.OrderPlaced placed = ShippingReactor.PLACED.decode(event);
        String target = failOnce.get();
        if (placed.order().equals(target) && failOnce.compareAndSet(target, null)) {
            throw new IllegalStateException("injected failure on " + placed.order());
        }
        Reaction shipment = new Reaction(Coordinate.of("shipment:" + placed.order(), "shop"),
                ShippingReactor.SHIPMENT_REQUESTED, ShippingReactor.REQUESTED.codec().encode(
                        new ShippingReactor.ShipmentRequested(placed.order(), placed.items())),
                ShippingReactor.REQUESTED.payloadVersion());
        OutboxRecord notice = new OutboxRecord(outboxTopic, placed.order().getBytes(StandardCharsets.UTF_8),
                ("placed " + placed.order()).getBytes(StandardCharsets.UTF_8),
                Map.of("event-type", "order-placed".getBytes(StandardCharsets.UTF_8)));
        return ReactorOutput.of(List.of(shipment), List.of(notice));
    }
}
