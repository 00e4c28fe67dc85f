package dev.batpak.kafka.cli;

import dev.batpak.kafka.graph.GraphClient;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --graph} and {@code --timeout} of the causal-graph commands: where the streams app's
 * HTTP graph endpoint is ({@code BATPAK_GRAPH} by default) and how long one request may take.
 */
public final class GraphEndpointOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--graph", paramLabel = "URL", defaultValue = "${env:BATPAK_GRAPH:-http://localhost:8181}",
            description = "The streams app's graph endpoint (default: $BATPAK_GRAPH or ${DEFAULT-VALUE}).")
    private String url;

    private Duration timeout = GraphClient.DEFAULT_TIMEOUT;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "How long one request may take, e.g. 500ms, 10s (default: ${DEFAULT-VALUE}).")
    void setTimeout(String value) {
        timeout = Durations.parse(spec.commandLine(), "--timeout", value);
    }

    /**
     * A client of the endpoint.
     *
     * @throws ParameterException if {@code --graph} is not a URI
     */
    GraphClient client() {
        try {
            return GraphClient.of(URI.create(url.trim()), timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--graph must be a URL such as http://localhost:8181,"
                    + " got '" + url + "'");
        }
    }
}
