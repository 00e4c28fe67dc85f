package dev.batpak.kafka.cli;

import dev.batpak.kafka.cli.demo.DemoContext;
import dev.batpak.kafka.cli.demo.DemoTour;
import dev.batpak.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batpak demo}: a guided tour on a real broker. By default it starts its own single-node
 * broker in a new temporary directory (removed afterwards), creates a store, writes a proposal
 * and reads it back, explaining each step; the last line of standard output is one JSON object
 * starting {@code {"demo":"ok",...}}. The steps are a {@link DemoTour}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A guided tour on a real Kafka broker: create a store, write a proposal, read it back."
                + " The last line is a JSON summary.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Mixin
    private EmbeddedBrokerOptions broker;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Run the tour on this cluster instead of starting a broker.")
    private String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "A schema registry (Confluent API): every record is then written in its wire format.")
    private String registry;

    private Duration timeout = Duration.ofSeconds(60);

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "How long to wait for Kafka at each step (default: ${DEFAULT-VALUE}).")
    void setTimeout(String value) {
        timeout = Durations.parse(spec.commandLine(), "--timeout", value);
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        boolean embedded = bootstrap == null || bootstrap.isBlank();
        Map<String, Object> result;
        EmbeddedKafka kafka = null;
        try {
            String servers;
            if (embedded) {
                kafka = startBroker(out);
                servers = kafka.bootstrapServers();
            } else {
                servers = bootstrap.trim();
                out.println("Using the Kafka cluster at " + servers);
            }
            try (DemoContext context = new DemoContext(servers, store.topics(), store.lanes(),
                    embedded ? 1 : replication(servers), timeout, out)) {
                if (registry != null && !registry.isBlank()) {
                    context.put(DemoContext.REGISTRY, Map.of("schema.registry.url", registry.trim()));
                    out.println("Records are written in the Confluent wire format through the registry at "
                            + registry.trim());
                }
                result = DemoTour.standard().run(context);
            }
            result.put("store", store.store());
            result.put("lanes", store.lanes());
            result.put("bootstrap", servers);
            result.put("broker", embedded ? "embedded" : "external");
            result.put("registry", registry == null || registry.isBlank() ? null : registry.trim());
        } finally {
            if (kafka != null) {
                kafka.close();
                out.println("Stopped the broker; " + (broker.data() == null ? "removed " + kafka.dataDir()
                        : "its data stays in " + kafka.dataDir()));
            }
        }
        result.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        out.println(Json.object(result));
        out.flush();
        return 0;
    }

    /**
     * Starts the demo's broker: in {@code --data} if given (kept), else in a new temporary
     * directory, deleted on close (kept if the start fails, for its log).
     */
    private EmbeddedKafka startBroker(PrintWriter out) throws IOException {
        boolean temporary = broker.data() == null;
        Path dataDir = temporary ? Files.createTempDirectory("batpak-demo-") : broker.data().toAbsolutePath().normalize();
        out.println("Starting a single-node Kafka broker (KRaft, child JVM) with its data in " + dataDir);
        out.flush();
        EmbeddedKafka kafka = EmbeddedKafka.start(broker.config(dataDir).withDeleteOnClose(temporary));
        out.println("      broker ready at " + kafka.bootstrapServers() + " in " + kafka.startupTime().toMillis() + " ms"
                + (kafka.reusedData() ? " (existing data)" : "") + "; its log: " + kafka.logFile());
        return kafka;
    }

    private short replication(String servers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            return ClusterDefaults.replicationFactor(admin, timeout);
        }
    }
}
