package dev.batpak.kafka.cli;

import dev.batpak.kafka.graph.CorrelationPage;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak correlation ID}: every event of a correlation group (denials included) in HLC
 * order, one readable line each.
 */
@Command(name = "correlation", mixinStandardHelpOptions = true,
        description = "List a correlation group in HLC order, one line per event.")
public final class CorrelationCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GraphEndpointOptions endpoint;

    @Parameters(paramLabel = "ID", description = "The correlation id (correlation:<hex>, or the root's event:<hex>).")
    private String id;

    @Option(names = "--max", paramLabel = "N", defaultValue = "10000",
            description = "The most events to print (default: ${DEFAULT-VALUE}).")
    private int max;

    @Override
    public Integer call() {
        CorrelationId group = id.startsWith("event:") ? CorrelationId.of(EventId.parse(id)) : CorrelationId.parse(id);
        GraphClient client = endpoint.client();
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> continuation = Optional.empty();
        int printed = 0;
        do {
            CorrelationPage page = client.correlation(group, Math.min(1000, Math.max(1, max - printed)), continuation);
            for (GraphEvent event : page.events()) {
                out.println(GraphCommand.line(event));
                printed++;
            }
            continuation = page.continuation();
        } while (continuation.isPresent() && printed < max);
        if (continuation.isPresent()) {
            out.println("... more events; raise --max to see them");
        }
        out.flush();
        return 0;
    }
}
