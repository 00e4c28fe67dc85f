package dev.batpak.kafka.cli;

import dev.batpak.kafka.store.EventStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code batpak frontier}: prints every lane's six watermarks as one JSON object. */
@Command(name = "frontier", mixinStandardHelpOptions = true,
        description = "Print the frontier (written, durable, accepted, visible, applied, emitted) of every lane as JSON.")
public final class FrontierCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "The store.")
    private String store;

    @Override
    public Integer call() throws Exception {
        try (EventStore events = StoreAccess.open(kafka, store)) {
            var out = Renderings.frontier(events.frontier());
            out.put("store", store);
            spec.commandLine().getOut().println(Json.object(out));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
