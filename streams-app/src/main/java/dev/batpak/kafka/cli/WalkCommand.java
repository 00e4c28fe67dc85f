package dev.batpak.kafka.cli;

import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphJson;
import dev.batpak.kafka.id.EventId;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak walk EVENT_ID}: the ancestry walk along the hash chain, one JSON page per line
 * (events anchor first, the boundary, the continuation); {@code --all} follows continuations.
 */
@Command(name = "walk", mixinStandardHelpOptions = true,
        description = "Walk an event's stream ancestors along the hash chain (JSON, anchor first).")
public final class WalkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GraphEndpointOptions endpoint;

    @Parameters(paramLabel = "EVENT_ID", description = "The anchor (event:<hex>).")
    private String eventId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Events per page, 1..1000 (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--all", description = "Follow continuations to the end of the chain, one page per line.")
    private boolean all;

    @Override
    public Integer call() {
        EventId anchor = EventId.parse(eventId);
        GraphClient client = endpoint.client();
        Optional<String> continuation = Optional.empty();
        do {
            AncestorWalk page = client.walkAncestors(anchor, limit, continuation);
            spec.commandLine().getOut().println(GraphJson.walk(page));
            continuation = page.continuation();
        } while (all && continuation.isPresent());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
