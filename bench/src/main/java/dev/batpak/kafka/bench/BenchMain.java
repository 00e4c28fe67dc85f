package dev.batpak.kafka.bench;

import dev.batpak.kafka.embedded.EmbeddedKafka;
import dev.batpak.kafka.embedded.EmbeddedKafkaConfig;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs the benchmark suite: starts an embedded single-node broker (a child JVM, data in a
 * temporary directory deleted afterwards), runs every scenario on both sides (raw Kafka, then
 * batpak), prints the tables on standard output and writes
 * {@code <out>/<yyyy-mm-dd>-<commit>[-quick].json}.
 *
 * <p>Usage: {@code BenchMain [--quick] [--out DIR] [--repo DIR] [--jfr FILE] [experiment options]}.
 * {@code --jfr} records with JFR's {@code profile} settings: the batpak side of the pipelined
 * append-to-visible run into FILE, the batpak side of the 64-caller append run into
 * FILE-append.jfr, the replay scenario into FILE-replay.jfr and the whole broker into
 * FILE-broker.jfr; summarise each with {@link ProfileSummary}. Launched by {@code ./bench.sh}, which builds the jar first.
 *
 * <p>Experiment options change what is measured, so a run that uses any of them writes
 * {@code ...-experiment.json} and records them: {@code --only durable|visible|graph} (visible includes
 * replay; graph is the graph walks alone), {@code --no-sign} (the sequencer signs no receipts), {@code --commit-interval-ms N}
 * (the sequencer's commit interval), {@code --streams KEY=VALUE} (any Kafka Streams property of
 * the sequencer, repeatable).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * Runs the suite.
     *
     * @param args {@code [--quick] [--out DIR] [--repo DIR] [--jfr FILE]}
     */
    public static void main(String[] args) throws Exception {
        // the clients' info logging would drown the progress lines; warnings still show
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Options options;
        try {
            options = Options.parse(args);
        } catch (ParseException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("usage: bench.sh [--quick] [--out DIR] [--repo DIR] [--jfr FILE] [--only durable|visible|graph]"
                    + " [--no-sign] [--commit-interval-ms N] [--streams KEY=VALUE]...");
            System.exit(2);
            return;
        }
        Report report = run(options);
        String table = report.table();
        System.out.println(table);
        Files.createDirectories(options.out());
        String name = DateTimeFormatter.ISO_LOCAL_DATE.format(report.started().atOffset(ZoneOffset.UTC)) + "-"
                + report.machine().shortCommit() + (options.settings().mode().equals("default") ? "" : "-"
                + options.settings().mode()) + (options.experiment().isEmpty() ? "" : "-experiment") + ".json";
        Path file = options.out().resolve(name);
        Files.writeString(file, Json.write(report.toJson()), StandardCharsets.UTF_8);
        Progress.say("results written to %s", file);
        // Kafka client threads and the broker's shutdown hook are done; do not wait for stray daemons
        System.exit(0);
    }

    /**
     * Command-line options.
     *
     * @param settings the preset
     * @param out where the results file goes
     * @param repo the source tree whose commit is recorded
     * @param jfr where to write the profile, or null
     * @param experiment the experiment options given, by name (empty for a standard run)
     */
    record Options(BenchSettings settings, Path out, Path repo, Path jfr, Map<String, String> experiment) {

        /** Parses the arguments. */
        static Options parse(String[] args) throws ParseException {
            BenchSettings settings = BenchSettings.standard();
            Path out = Path.of("bench", "results");
            Path repo = Path.of(".");
            Path jfr = null;
            Map<String, String> experiment = new java.util.TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> settings = BenchSettings.quick();
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--repo" -> repo = Path.of(value(args, ++i, "--repo"));
                    case "--jfr" -> jfr = Path.of(value(args, ++i, "--jfr"));
                    case "--only" -> {
                        String group = value(args, ++i, "--only");
                        if (!group.equals("durable") && !group.equals("visible") && !group.equals("graph")) {
                            throw new ParseException("--only takes durable, visible or graph, not '" + group + "'",
                                    i);
                        }
                        experiment.put("only", group);
                    }
                    case "--no-sign" -> experiment.put("sign", "false");
                    case "--commit-interval-ms" -> {
                        String ms = value(args, ++i, "--commit-interval-ms");
                        if (!ms.matches("\\d{1,6}")) {
                            throw new ParseException("--commit-interval-ms takes a whole number of ms, not '" + ms + "'",
                                    i);
                        }
                        experiment.put("commitIntervalMs", ms);
                    }
                    case "--streams" -> {
                        String kv = value(args, ++i, "--streams");
                        int eq = kv.indexOf('=');
                        if (eq < 1) {
                            throw new ParseException("--streams takes KEY=VALUE, not '" + kv + "'", i);
                        }
                        experiment.put("streams." + kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    default -> throw new ParseException("unknown argument '" + args[i] + "'", i);
                }
            }
            return new Options(settings, out, repo, jfr, experiment);
        }

        /** Whether scenario group {@code group} runs. */
        boolean runs(String group) {
            return !experiment.containsKey("only") || experiment.get("only").equals(group);
        }

        private static String value(String[] args, int i, String option) throws ParseException {
            if (i >= args.length) {
                throw new ParseException(option + " needs a value", i);
            }
            return args[i];
        }
    }

    /** Runs every scenario and returns the report (writes nothing). */
    static Report run(Options options) throws Exception {
        BenchSettings settings = options.settings();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        double loadStart = Progress.load();
        Machine machine = Machine.describe(options.repo());
        Progress.say("mode %s, %d cpus, load %.2f, commit %s%s", settings.mode(), machine.cpus(), loadStart,
                machine.shortCommit(), machine.dirty() ? " (uncommitted changes)" : "");
        Path work = Files.createTempDirectory("batpak-bench-");
        List<Comparison> results = new ArrayList<>();
        Map<String, Object> writes = new java.util.LinkedHashMap<>();
        try {
            EmbeddedKafkaConfig brokerConfig = EmbeddedKafkaConfig.of(work.resolve("broker")).withFresh(true);
            if (options.jfr() != null) {
                Files.createDirectories(options.jfr().toAbsolutePath().getParent());
                List<String> jvm = new ArrayList<>(EmbeddedKafkaConfig.DEFAULT_JVM_OPTIONS);
                jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + Profiler.sibling(options.jfr(), "broker").toAbsolutePath());
                brokerConfig = brokerConfig.withJvmOptions(jvm);
            }
            try (EmbeddedKafka broker = EmbeddedKafka.start(brokerConfig)) {
                String bootstrap = broker.bootstrapServers();
                Progress.say("broker up at %s in %.1f s", bootstrap, broker.startupTime().toMillis() / 1e3);
                Cpu.brokerPid(broker.pid());
                createTopics(bootstrap, settings.lanes());
                Workload workload = new Workload(settings.entities());

                if (options.runs("durable")) {
                    try (EventStore store = EventStore.open(StoreConfig.builder(bootstrap, DurableScenarios.STORE)
                            .lanes(settings.lanes()).build())) {
                        results.addAll(DurableScenarios.run(settings, bootstrap, workload, store,
                                new Profiler(options.jfr())));
                    }
                }
                if (options.runs("visible") || options.runs("graph")) {
                    results.addAll(visible(options, bootstrap, workload, work, writes));
                }
                Progress.say("stopping the broker");
            }
        } finally {
            deleteQuietly(work);
        }
        return new Report(settings, machine, started, (System.nanoTime() - t0) / 1e9, loadStart, Progress.load(),
                results, Map.of(), options.experiment(), writes);
    }

    /**
     * The scenarios that need a sequencer: append-to-visible, then the graph walks on the same
     * store, then (with the sequencer stopped) replay of what they wrote. {@code --only visible}
     * skips the graph walks, {@code --only graph} runs nothing else.
     */
    private static List<Comparison> visible(Options options, String bootstrap, Workload workload, Path work,
            Map<String, Object> writes) throws Exception {
        BenchSettings settings = options.settings();
        List<Comparison> results = new ArrayList<>();
        SequencerConfig.Builder builder = SequencerConfig.builder(bootstrap, VisibleScenarios.STORE)
                .stateDir(work.resolve("streams-state"));
        if (!"false".equals(options.experiment().get("sign"))) {
            Path keyFile = work.resolve("sequencer.pem");
            SigningKey.generate().save(keyFile);
            builder.signingKeyFile(keyFile);
        }
        if (options.experiment().containsKey("commitIntervalMs")) {
            builder.commitInterval(Duration.ofMillis(Long.parseLong(options.experiment().get("commitIntervalMs"))));
        }
        options.experiment().forEach((key, value) -> {
            if (key.startsWith("streams.")) {
                builder.streamsOverride(key.substring("streams.".length()), value);
            }
        });
        try (SequencerApp sequencer = new SequencerApp(builder.build())) {
            sequencer.start(Duration.ofSeconds(90));
            Progress.say("sequencer running");
            try (EventStore store = EventStore.open(StoreConfig.builder(bootstrap, VisibleScenarios.STORE)
                    .lanes(settings.lanes()).build())) {
                if (options.runs("visible")) {
                    Comparison throughput = VisibleScenarios.throughput(settings, bootstrap, workload, store,
                            new Profiler(options.jfr()));
                    results.add(withMetrics(throughput, sequencer));
                    results.add(withMetrics(VisibleScenarios.latency(settings, bootstrap, workload, store),
                            sequencer));
                    results.add(withMetrics(VisibleScenarios.lowRateLatency(settings, bootstrap, workload, store),
                            sequencer));
                }
                if (options.runs("graph")) {
                    results.addAll(GraphScenario.run(settings, bootstrap,
                            StoreTopics.of(VisibleScenarios.STORE).journal(), store, sequencer));
                }
            }
        }
        if (!options.runs("visible")) {
            return results;
        }
        writes.putAll(TopicWrites.count(bootstrap, StoreTopics.of(VisibleScenarios.STORE).proposals(),
                List.of(VisibleScenarios.STORE + ".", SequencerConfig.defaultApplicationId(VisibleScenarios.STORE))));
        results.add(ReplayScenario.run(settings, bootstrap, StoreTopics.of(VisibleScenarios.STORE).journal(),
                new Profiler(options.jfr())));
        return results;
    }

    /** {@code c} with the sequencer's thread metrics, as they stand now, on its batpak side. */
    private static Comparison withMetrics(Comparison c, SequencerApp sequencer) {
        return new Comparison(c.id(), c.kind(), c.title(), c.pairing(), c.raw(),
                c.batpak().with("sequencerThreadMetrics", StreamsMetrics.snapshot(sequencer.kafkaStreams())),
                c.target(), c.loadAverage());
    }

    private static void createTopics(String bootstrap, int lanes) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(DurableScenarios.STORE).create(admin, lanes, (short) 1, Duration.ofSeconds(60));
            StoreTopics.of(VisibleScenarios.STORE).create(admin, lanes, (short) 1, Duration.ofSeconds(60));
            admin.createTopics(List.of(new NewTopic(DurableScenarios.RAW_TOPIC, lanes, (short) 1),
                    new NewTopic(VisibleScenarios.RAW_TOPIC, lanes, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            Progress.say("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
