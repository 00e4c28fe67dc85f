package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.projection.Projected;
import dev.batpak.kafka.projection.Projection;
import dev.batpak.kafka.projection.ProjectionApp;
import dev.batpak.kafka.projection.ProjectionConfig;
import dev.batpak.kafka.projection.StateCodec;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Starts a projection (an event-sourced counter of the items in a cart, materialized in RocksDB
 * by Kafka Streams), appends to a cart, waits for APPLIED and reads the projected state: it
 * already reflects the append (read-your-writes).
 */
public final class ProjectionStep implements DemoStep {

    /** An item was added to a cart. */
    static final EventKind ITEM_ADDED = EventKind.custom(1, 30);

    /** The cart the step fills. */
    static final Coordinate CART = Coordinate.of("cart:5005", "shop");

    /** Counts the items added to each cart: a pure fold, so every rebuild agrees. */
    static final Projection<Long> CART_ITEMS = Projection.of("cart-items", 1, 0L, Set.of(ITEM_ADDED),
            StateCodec.longs(), (items, event) -> items + 1);

    @Override
    public String title() {
        return "A projection (Kafka Streams, RocksDB): append, wait for APPLIED, read the state it reflects";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        ProjectionConfig config = ProjectionConfig.builder(context.bootstrap(), context.topics().store(), "demo")
                .stateDir(context.temporaryDirectory("batpak-demo-projections"))
                .replicationFactor(context.replicationFactor())
                .registryProperties(context.registry())
                .build();
        Projection<Long> projection = CART_ITEMS;
        ProjectionApp app = context.closeAtEnd(new ProjectionApp(config, List.of(projection)));
        long start = System.nanoTime();
        app.start(context.timeout().plus(Duration.ofSeconds(30)));
        context.say("projection '" + projection.name() + "' v" + projection.schemaVersion() + " RUNNING in "
                + (System.nanoTime() - start) / 1_000_000 + " ms, application.id " + app.applicationId());

        EventStore store = context.get(OpenStoreStep.STORE);
        store.append(CART, ITEM_ADDED, Payload.json("{\"sku\":\"kafka-in-action\"}"));
        AppendReceipt last = store.append(CART, ITEM_ADDED, Payload.json("{\"sku\":\"event-sourcing-101\"}"));
        store.waitFor(last, Stage.APPLIED, context.timeout());
        Projected<Long> projected = app.project(projection, CART.entity()).orElseThrow(() ->
                new IllegalStateException("APPLIED was reached but " + CART.entity() + " has no projected state"));
        context.say("waitFor(APPLIED) returned; project(" + CART.entity() + ") = " + projected.state()
                + " items, version " + projected.version() + ", at " + projected.position());
        if (projected.state() < 2) {
            throw new IllegalStateException("the projection does not reflect the appends: " + projected.state()
                    + " items after 2 were added");
        }
        context.report("projectedItems", projected.state());
        context.report("projectedVersion", projected.version());
    }
}
