package dev.batpak.kafka.cli;

import dev.batpak.kafka.graph.CausalBoundary;
import dev.batpak.kafka.graph.CausalWalk;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.graph.GraphEvent;
import dev.batpak.kafka.id.EventId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak graph EVENT_ID}: the causal neighbourhood of an event as a readable tree — its
 * causal ancestors nearest first, then the event with its descendants indented under their
 * parents. An event with several parents appears under each; its subtree is printed once.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print an event's causal ancestors and its tree of causal descendants.")
public final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GraphEndpointOptions endpoint;

    @Parameters(paramLabel = "EVENT_ID", description = "The event (event:<hex>).")
    private String eventId;

    @Option(names = "--max", paramLabel = "N", defaultValue = "1000",
            description = "The most ancestors and descendants to fetch each (default: ${DEFAULT-VALUE}).")
    private int max;

    @Override
    public Integer call() {
        EventId root = EventId.parse(eventId);
        GraphClient client = endpoint.client();
        PrintWriter out = spec.commandLine().getOut();
        Fetched ancestors = fetch(client, root, true);
        Fetched descendants = fetch(client, root, false);
        if (ancestors.boundary == CausalBoundary.NO_ANCHOR) {
            out.println(root + " is not in the causal graph");
            out.flush();
            return 1;
        }
        out.println("ancestors (nearest first):");
        if (ancestors.events.isEmpty()) {
            out.println("  (none: a root)");
        }
        for (GraphEvent event : ancestors.events) {
            out.println("  " + line(event));
        }
        for (EventId missing : ancestors.missing) {
            out.println("  " + missing + "  (not in the graph)");
        }
        out.println("tree:");
        printTree(out, "  ", root, descendants.events);
        if (ancestors.truncated || descendants.truncated) {
            out.println("  ... truncated at --max " + max);
        }
        out.flush();
        return 0;
    }

    /**
     * Prints {@code root} and, indented under their parents, its causal {@code descendants}; an
     * event with several parents appears under each and its subtree is printed once.
     */
    public static void printTree(PrintWriter out, String indent, EventId root, List<GraphEvent> descendants) {
        Map<EventId, List<GraphEvent>> children = new LinkedHashMap<>();
        for (GraphEvent event : descendants) {
            for (EventId parent : event.parents()) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(event);
            }
        }
        out.println(indent + root);
        print(out, root, children, indent, new HashSet<>());
    }

    private static void print(PrintWriter out, EventId parent, Map<EventId, List<GraphEvent>> children, String indent,
            Set<EventId> printed) {
        List<GraphEvent> list = children.getOrDefault(parent, List.of());
        for (int i = 0; i < list.size(); i++) {
            GraphEvent child = list.get(i);
            boolean last = i == list.size() - 1;
            boolean first = printed.add(child.eventId());
            out.println(indent + (last ? "└─ " : "├─ ") + line(child) + (first ? "" : "  (see above)"));
            if (first) {
                print(out, child.eventId(), children, indent + (last ? "   " : "│  "), printed);
            }
        }
    }

    /** One readable line for an event: id, coordinate, kind, lane/clock and HLC. */
    static String line(GraphEvent event) {
        return event.eventId() + "  " + event.entity() + "@" + event.scope() + "  kind " + event.kind()
                + (event.isDenial() ? " (denial)" : "") + "  lane " + event.lane() + " clock " + event.clock()
                + "  hlc " + event.hlc();
    }

    private Fetched fetch(GraphClient client, EventId root, boolean up) {
        List<GraphEvent> events = new ArrayList<>();
        List<EventId> missing = new ArrayList<>();
        Optional<String> continuation = Optional.empty();
        CausalWalk page;
        do {
            int limit = Math.min(1000, Math.max(1, max - events.size()));
            page = up ? client.causalAncestors(root, limit, continuation)
                    : client.causalDescendants(root, limit, continuation);
            events.addAll(page.events());
            missing.addAll(page.missing());
            continuation = page.continuation();
        } while (continuation.isPresent() && events.size() < max);
        return new Fetched(events, missing, page.boundary(), continuation.isPresent());
    }

    private record Fetched(List<GraphEvent> events, List<EventId> missing, CausalBoundary boundary,
            boolean truncated) {
    }
}
