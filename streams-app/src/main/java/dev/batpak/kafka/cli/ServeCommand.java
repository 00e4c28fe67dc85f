package dev.batpak.kafka.cli;

import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak serve --config FILE}: runs the streams app (the sequencer) against any cluster
 * until Ctrl-C or SIGTERM. The configuration keys are those of {@link SequencerConfig}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the streams app (sequencer) against a cluster until Ctrl-C. Keys: bootstrap.servers,"
                + " batpak.store, batpak.state.dir, batpak.signing.key.file, batpak.gates, ... (docs/sequencer.md).")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "A properties file.")
    private Path configFile;

    /** The key naming the port of the causal-graph HTTP endpoint; without it no endpoint is served. */
    public static final String HTTP_PORT = "batpak.http.port";

    @Override
    public Integer call() throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        // `application.server` (this instance's host:port for the graph endpoint) is a Streams setting.
        String applicationServer = properties.getProperty("application.server");
        if (applicationServer != null) {
            properties.putIfAbsent("streams.application.server", applicationServer);
        }
        SequencerConfig config = SequencerConfig.fromProperties(properties);
        String httpPort = properties.getProperty(HTTP_PORT);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(SequencerApp.DEFAULT_CLOSE_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "batpak-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (SequencerApp app = new SequencerApp(config)) {
            app.start();
            String graph = "";
            if (httpPort != null) {
                GraphHttpServer server = app.serveGraph(new InetSocketAddress(parsePort(httpPort)));
                graph = " graph=http://*:" + server.port();
            }
            spec.commandLine().getOut().println("serving store=" + config.store() + " application.id="
                    + config.applicationId() + graph);
            spec.commandLine().getOut().flush();
            while (!stop.await(500, TimeUnit.MILLISECONDS)) {
                if (app.failure().isPresent()) {
                    throw new CommandFailedException("SEQUENCER_FAILED", "the sequencer stopped: "
                            + app.failure().get());
                }
            }
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is running and has just been released.
            }
        }
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandFailedException("INVALID_CONFIG", HTTP_PORT + " = '" + text + "' is not a port (0..65535)");
    }
}
