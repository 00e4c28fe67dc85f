package dev.batpak.kafka.cli;

import dev.batpak.kafka.embedded.EmbeddedKafka;
import dev.batpak.kafka.embedded.EmbeddedKafkaConfig;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.StoreTopicsException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code batpak dev}: a real single-node Kafka broker with a store's topics, for development,
 * until Ctrl-C or SIGTERM.
 *
 * <p>Standard output carries exactly one line, {@code ready bootstrap=HOST:PORT store=NAME},
 * printed once the broker answers and the topics exist, so a script can wait for it; progress
 * goes to standard error and the broker's own log to {@code broker.log} in the data directory.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) with the store's topics until Ctrl-C."
                + " Prints 'ready bootstrap=HOST:PORT store=NAME' when it answers.")
public final class DevCommand implements Callable<Integer> {

    /** How long the topics may take to create once the broker answers. */
    private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Mixin
    private EmbeddedBrokerOptions broker;

    @Option(names = "--fresh", description = "Delete the broker's data first and start an empty cluster.")
    private boolean fresh;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dataDir = (broker.data() != null ? broker.data() : Path.of(".batpak", store.store()))
                .toAbsolutePath().normalize();
        err.println("batpak dev: data directory " + dataDir + (fresh ? " (starting fresh)" : ""));
        err.flush();

        EmbeddedKafkaConfig config = broker.config(dataDir).withFresh(fresh);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // On Ctrl-C / SIGTERM the JVM runs hooks and then halts; this hook holds the halt until the
        // main thread below has stopped the broker and said so, bounded by the broker's stop timeout.
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await(config.stopTimeout().plusSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "batpak-dev-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
                err.println("batpak dev: broker pid " + kafka.pid() + " started in " + kafka.startupTime().toMillis()
                        + " ms (" + (kafka.reusedData() ? "existing data" : "new cluster") + "), log "
                        + kafka.logFile());
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(), AdminClientConfig.CLIENT_ID_CONFIG, "batpak-dev"))) {
                    store.topics().create(admin, store.lanes(), (short) 1, TOPICS_TIMEOUT);
                } catch (StoreTopicsException e) {
                    if (!StoreTopicsException.INVALID.equals(e.code())) {
                        throw e;
                    }
                    throw new CommandFailedException(e.code(), e.getMessage() + System.lineSeparator()
                            + "For this development broker, `batpak dev --fresh` starts over with an empty cluster.", e);
                }
                err.println("batpak dev: topics " + String.join(", ", store.topics().names()) + " (" + store.lanes()
                        + (store.lanes() == 1 ? " lane)" : " lanes)"));
                err.flush();
                try (SequencerApp sequencer = startSequencer(kafka.bootstrapServers(), dataDir, err)) {
                    out.println("ready bootstrap=" + kafka.bootstrapServers() + " store=" + store.store());
                    out.flush();
                    awaitStop(kafka, stopRequested, sequencer);
                    err.println("batpak dev: stopping the sequencer and the broker");
                    err.flush();
                }
            }
            err.println("batpak dev: stopped; the data stays in " + dataDir);
            err.flush();
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

    /**
     * Starts the streams app (the sequencer) on the development broker, with its state and a
     * signing key kept in the data directory, so receipts stay verifiable across restarts.
     */
    private SequencerApp startSequencer(String bootstrap, Path dataDir, PrintWriter err) {
        Path keyFile = dataDir.resolve("signing-key.pem");
        if (!Files.exists(keyFile)) {
            SigningKey.generate().save(keyFile);
        }
        Path publicKey = dataDir.resolve("signing-key.pub");
        if (!Files.exists(publicKey)) {
            SigningKey.load(keyFile).verifyingKey().save(publicKey);
        }
        Path stateDir = dataDir.resolve("streams-state");
        if (fresh) {
            // A fresh cluster has no changelogs: the old local state would describe another journal.
            deleteTree(stateDir);
        }
        SequencerConfig config = SequencerConfig.builder(bootstrap, store.store())
                .stateDir(stateDir)
                .signingKeyFile(keyFile)
                .build();
        SequencerApp sequencer = new SequencerApp(config);
        sequencer.start();
        GraphHttpServer graph = sequencer.serveGraph(new InetSocketAddress("127.0.0.1", 0));
        err.println("batpak dev: sequencer running (application.id " + config.applicationId() + "); receipts are"
                + " signed, public key " + publicKey);
        err.println("batpak dev: causal-graph endpoint " + graph.uri() + " (export BATPAK_GRAPH=" + graph.uri() + ")");
        err.flush();
        return sequencer;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new CommandFailedException("DATA_DIR_UNUSABLE", "cannot delete the old sequencer state " + root
                    + ": " + e.getMessage(), e);
        }
    }

    /** Returns when a stop is requested; fails if the broker or the sequencer stops by itself first. */
    private static void awaitStop(EmbeddedKafka kafka, CountDownLatch stopRequested, SequencerApp sequencer)
            throws InterruptedException {
        while (!stopRequested.await(250, TimeUnit.MILLISECONDS)) {
            if (sequencer.failure().isPresent()) {
                throw new CommandFailedException("SEQUENCER_FAILED", "the sequencer stopped: "
                        + sequencer.failure().get());
            }
            // A Ctrl-C in a terminal reaches the broker too, which may exit a moment before this JVM
            // sees the signal: give the stop request a second before calling the exit a failure.
            if (!kafka.isAlive() && !stopRequested.await(1, TimeUnit.SECONDS)) {
                throw new CommandFailedException("BROKER_EXITED", "the broker exited by itself with code "
                        + kafka.exitValue() + ". The last lines of " + kafka.logFile() + ":"
                        + System.lineSeparator() + kafka.logTail());
            }
        }
    }
}
