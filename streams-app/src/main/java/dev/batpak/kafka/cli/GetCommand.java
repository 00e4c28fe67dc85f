package dev.batpak.kafka.cli;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.store.EventStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code batpak get EVENT_ID}: prints one visible event as JSON. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Print one visible event as JSON.")
public final class GetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "The store.")
    private String store;

    @Parameters(paramLabel = "EVENT_ID", description = "The event id (event:<hex>).")
    private String eventId;

    @Override
    public Integer call() throws Exception {
        EventId id = EventId.parse(eventId);
        try (EventStore events = StoreAccess.open(kafka, store)) {
            spec.commandLine().getOut().println(Json.object(Renderings.event(events.get(id, kafka.timeout()))));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
