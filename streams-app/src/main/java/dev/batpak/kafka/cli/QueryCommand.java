package dev.batpak.kafka.cli;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.read.QueryClient;
import dev.batpak.kafka.read.QueryJson;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import java.io.PrintWriter;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code batpak query}: the visible events of a region from the streams app's query index, in
 * commit order per lane and {@code (hlc, lane)} order across lanes, one line (or JSON object) per
 * event, then the position to resume from with {@code --after}. See {@code docs/queries.md}.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "List the visible events of a region (entity namespace, scope, kind, clock, lane).")
public final class QueryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--endpoint", paramLabel = "URL", defaultValue = "${env:BATPAK_GRAPH:-http://localhost:8181}",
            description = "The streams app's HTTP endpoint (default: $BATPAK_GRAPH or ${DEFAULT-VALUE}).")
    private String endpoint;

    @Option(names = "--entity", paramLabel = "PREFIX", description = "An entity and its namespace (PREFIX:...).")
    private String entity;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Exactly this scope.")
    private String scope;

    @Option(names = "--kind", paramLabel = "CAT:TYPE", description = "Exactly this kind (0:15 lists denials).")
    private String kind;

    @Option(names = "--category", paramLabel = "N", description = "Every kind of category N (0..15).")
    private String category;

    @Option(names = "--clock", paramLabel = "A-B", description = "Stream clocks A..B inclusive.")
    private String clock;

    @Option(names = "--lane", paramLabel = "N", description = "Only lane N.")
    private String lane;

    @Option(names = "--after", paramLabel = "POSITION", description = "Resume after a position printed earlier.")
    private String after;

    @Option(names = "--max", paramLabel = "N", defaultValue = "1000",
            description = "The most events to print (default: ${DEFAULT-VALUE}).")
    private int max;

    @Option(names = "--json", description = "Print one JSON object per event, then the position.")
    private boolean json;

    @Override
    public Integer call() {
        if (max < 1) {
            throw new ParameterException(spec.commandLine(), "--max must be at least 1, got " + max);
        }
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "entity", entity);
        put(params, "scope", scope);
        put(params, "kind", kind);
        put(params, "category", category);
        put(params, "clock", clock);
        put(params, "lane", lane);
        Region region = QueryJson.readRegion(params);
        QueryClient client = client();
        QueryPosition position = after == null ? QueryPosition.start() : QueryPosition.parse(after.trim());
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        boolean complete;
        do {
            QueryPage page = client.queryAfter(region, position, Math.min(QueryClient.MAX_LIMIT, max - printed));
            for (StoredEvent event : page.events()) {
                out.println(json ? Json.object(Renderings.event(event)) : line(event));
                printed++;
            }
            position = page.next();
            complete = page.complete();
        } while (!complete && printed < max);
        if (json) {
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("position", position.encode());
            end.put("complete", complete);
            out.println(Json.object(end));
        } else {
            out.println((complete ? "end; " : "more; ") + "resume with --after " + position.encode());
        }
        out.flush();
        return 0;
    }

    private QueryClient client() {
        try {
            return QueryClient.of(URI.create(endpoint.trim()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--endpoint must be a URL such as http://localhost:8181,"
                    + " got '" + endpoint + "'");
        }
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value.trim());
        }
    }

    static String line(StoredEvent event) {
        return event.eventId() + "  " + event.coordinate() + "  kind " + event.kind() + "  lane " + event.lane()
                + " offset " + event.journalOffset() + " clock " + event.clock() + "  hlc " + event.hlc();
    }
}
