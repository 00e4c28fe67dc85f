package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.AppendRequest;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;

/** Opens the synchronous {@link EventStore} with one client gate, evaluated before anything is sent. */
public final class OpenStoreStep implements DemoStep {

    /** The open store. */
    static final DemoKey<EventStore> STORE = DemoKey.of("eventStore", EventStore.class);

    @Override
    public String title() {
        return "Open the EventStore with a client gate (evaluated on the caller's thread, before anything is sent)";
    }

    @Override
    public void run(DemoContext context) {
        Gate<AppendRequest> noNegativeQuantity = Gate.require("no-negative-quantity",
                request -> !request.payload().text().contains("\"quantity\":-"), "NEGATIVE_QUANTITY",
                "a quantity must not be negative");
        EventStore store = context.closeAtEnd(EventStore.open(StoreConfig.builder(context.bootstrap(),
                context.topics().store()).lanes(context.lanes()).openTimeout(context.timeout())
                .kafkaProperties(java.util.Map.copyOf(context.registry())).build(),
                GateSet.of(noNegativeQuantity)));
        context.put(STORE, store);
        context.say("store '" + context.topics().store() + "' open with " + context.lanes() + " lanes; client gate:"
                + " no-negative-quantity");
    }
}
