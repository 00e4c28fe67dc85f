package dev.batpak.kafka.embedded;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running as a child JVM
 * from this JVM's class path, with its data in a directory the user can see and delete. This is
 * the broker behind {@code batpak dev} and {@code batpak demo}: the same {@code kafka_2.13} jars
 * a production broker runs, on loopback ports, so nothing a developer sees here differs from a
 * cluster except the replication factor.
 *
 * <p>Layout of the data directory:
 * <ul>
 *   <li>{@code server.properties} — the broker configuration, rewritten at every start;</li>
 *   <li>{@code kafka-logs/} — the broker's data (topics and the KRaft metadata log), formatted on
 *       first start and reused afterwards;</li>
 *   <li>{@code broker.log} — the broker's own log, appended to, never shown on the console;</li>
 *   <li>{@code broker.lock} — present while a broker runs, naming its processes;</li>
 *   <li>{@code ports.properties} — the last ports, reused when free so that a restarted broker
 *       keeps its address.</li>
 * </ul>
 *
 * <p>A new data directory is formatted (Kafka's {@code StorageTool}) in the broker's own JVM
 * just before it starts, see {@link EmbeddedBrokerMain}.
 *
 * <p>{@link #close()} stops the broker cleanly (SIGTERM, then a bounded wait, then a kill). A JVM
 * shutdown hook does the same when this JVM exits first, and the child stops by itself when this
 * JVM dies without running hooks (see {@link EmbeddedBrokerMain}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** The loopback address every listener binds to; nothing is exposed beyond this machine. */
    public static final String HOST = "127.0.0.1";

    static final String LOG_DIRS = "kafka-logs";
    static final String LOG_FILE = "broker.log";
    static final String SERVER_PROPERTIES = "server.properties";
    static final String PORTS_FILE = "ports.properties";
    private static final int LOG_TAIL_LINES = 40;
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final EmbeddedKafkaConfig config;
    private final Path dataDir;
    private final Process process;
    private final DataDirLock lock;
    private final int port;
    private final boolean reusedData;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafka(EmbeddedKafkaConfig config, Path dataDir, Process process, DataDirLock lock, int port,
            boolean reusedData, Duration startupTime) {
        this.config = config;
        this.dataDir = dataDir;
        this.process = process;
        this.lock = lock;
        this.port = port;
        this.reusedData = reusedData;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::stopFromShutdownHook, "batpak-embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker in {@code config.dataDir()} and returns once it answers an Admin client.
     *
     * @throws EmbeddedKafkaException {@code DATA_DIR_IN_USE} if another broker runs there,
     *     {@code PORT_IN_USE} if the requested port is taken, {@code DATA_DIR_UNUSABLE} if the
     *     directory cannot be written, {@code BROKER_START_FAILED} (with the tail of the broker's
     *     log) if the broker exits or does not answer within {@code config.startTimeout()}
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        long started = System.nanoTime();
        long deadline = started + config.startTimeout().toNanos();
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw unusable(dataDir, "cannot create it", e);
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        Process process = null;
        try {
            Path logDirs = dataDir.resolve(LOG_DIRS);
            Path logFile = dataDir.resolve(LOG_FILE);
            if (config.fresh()) {
                deleteRecursively(logDirs);
                Files.deleteIfExists(logFile);
            }
            boolean reused = Files.exists(logDirs.resolve("meta.properties"));
            Properties previousPorts = readProperties(dataDir.resolve(PORTS_FILE));
            int port = config.port() != 0 ? requireFree(config.port())
                    : reuseOrPick(previousPorts.getProperty("port"), -1);
            int controllerPort = reuseOrPick(previousPorts.getProperty("controller.port"), port);
            Path serverProperties = dataDir.resolve(SERVER_PROPERTIES);
            Files.writeString(serverProperties, serverProperties(port, controllerPort, logDirs), StandardCharsets.UTF_8);
            long logStart = appendHeader(logFile, reused ? "starting on existing data" : "formatting a new cluster");
            List<String> mainAndArgs = new ArrayList<>(List.of(EmbeddedBrokerMain.class.getName()));
            if (!reused) {
                mainAndArgs.addAll(List.of("--format", Uuid.randomUuid().toString()));
            }
            mainAndArgs.add(serverProperties.toString());
            process = launch(config, mainAndArgs, logFile);
            lock.recordBroker(process.toHandle());
            awaitReady(process, HOST + ":" + port, logFile, logStart, deadline);
            appendLine(logFile, "---- batpak embedded broker, " + Instant.now() + ": answering at " + HOST + ":" + port
                    + ", " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms after the start");
            Files.writeString(dataDir.resolve(PORTS_FILE),
                    "port=" + port + "\ncontroller.port=" + controllerPort + "\n", StandardCharsets.UTF_8);
            return new EmbeddedKafka(config, dataDir, process, lock, port, reused,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            kill(process);
            lock.release();
            throw unusable(dataDir, e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            kill(process);
            lock.release();
            throw e;
        }
    }

    /** The address clients connect to, {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The data directory, absolute. */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker's log file inside the data directory. */
    public Path logFile() {
        return dataDir.resolve(LOG_FILE);
    }

    /** True if the broker started on data an earlier run left; false if it formatted a new cluster. */
    public boolean reusedData() {
        return reusedData;
    }

    /** How long {@link #start} took, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The broker process's id. */
    public long pid() {
        return process.pid();
    }

    /** True while the broker process runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for the broker process to exit (for example because it failed)
     * and returns whether it did.
     */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The broker's exit code, once it has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The last lines of the broker's log, for error messages. */
    public String logTail() {
        return tail(logFile(), 0, LOG_TAIL_LINES);
    }

    /**
     * Stops the broker: SIGTERM, a wait of up to {@code stopTimeout} for Kafka's clean shutdown,
     * then a kill; then removes the lock file. Idempotent.
     */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs stop() itself, which is idempotent.
        }
    }

    private void stopFromShutdownHook() {
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.destroy();
            if (!process.waitFor(config.stopTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                appendLine(logFile(), "batpak: the broker did not stop within " + config.stopTimeout()
                        + "; killing it");
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(process.getOutputStream());
            lock.release();
        }
        if (config.deleteOnClose()) {
            try {
                deleteRecursively(dataDir);
            } catch (IOException e) {
                throw unusable(dataDir, "cannot delete it after the stop: " + e.getMessage(), e);
            }
        }
    }

    // ---- start-up steps ----

    private static String serverProperties(int port, int controllerPort, Path logDirs) {
        String client = "PLAINTEXT://" + HOST + ":" + port;
        String controller = "CONTROLLER://" + HOST + ":" + controllerPort;
        return String.join("\n",
                "# Written by batpak at every start of the embedded broker; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                // Static voters: the voter set is not stored in the metadata log, so a restart on
                // other ports (when the old ones are taken) still finds its quorum.
                "controller.quorum.voters=1@" + HOST + ":" + controllerPort,
                "listeners=" + client + "," + controller,
                "advertised.listeners=" + client,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + escape(logDirs.toString()),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=8",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=8",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "group.streams.initial.rebalance.delay.ms=0",
                // Every topic is created deliberately (batpak topics create); a typo must fail.
                "auto.create.topics.enable=false",
                "");
    }

    /**
     * Starts a JVM on this JVM's class path. The class path is the one this JVM runs on, made
     * absolute; a jar on it with a manifest {@code Class-Path} (batpak.jar) brings its libraries.
     */
    private static Process launch(EmbeddedKafkaConfig config, List<String> mainAndArgs, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(config.jvmOptions());
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        // The 400-line configuration dump at every start would bury the lines that matter.
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn");
        command.add("-D" + EmbeddedBrokerMain.WATCH_PARENT_PROPERTY + "=stdin");
        command.add("-cp");
        command.add(absoluteClassPath());
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // Standard input stays a pipe: its end-of-file is how the child learns this JVM died.
        try {
            return builder.start();
        } catch (IOException e) {
            throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.BROKER_START_FAILED,
                    "cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, String bootstrap, Path logFile, long logStart, long deadline) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 250,
                AdminClientConfig.CLIENT_ID_CONFIG, "batpak-embedded-ready-check"))) {
            while (true) {
                if (!process.isAlive()) {
                    throw startFailed("the broker exited with code " + process.exitValue() + " while starting",
                            logFile, logStart);
                }
                long remaining = remaining(deadline);
                if (remaining <= 0) {
                    throw startFailed("the broker did not answer within the start timeout", logFile, logStart);
                }
                int attemptMillis = (int) Math.max(1, Math.min(2_000, TimeUnit.NANOSECONDS.toMillis(remaining)));
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(attemptMillis))
                            .nodes().get(attemptMillis + 500L, TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Not answering yet; the loop re-checks the process and the deadline.
                }
                // Pause between attempts, returning at once if the broker exits meanwhile.
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw startFailed("interrupted while waiting for the broker", logFile, logStart);
        }
    }

    // ---- ports ----

    private static int requireFree(int port) {
        if (!isFree(port)) {
            throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.PORT_IN_USE,
                    "port " + port + " on " + HOST + " is in use; choose another --port, or leave --port out to use"
                            + " a free one");
        }
        return port;
    }

    /** The previous port when it is still free (and not {@code avoid}), else a new free one. */
    private static int reuseOrPick(String previous, int avoid) {
        if (previous != null) {
            try {
                int port = Integer.parseInt(previous.trim());
                if (port > 0 && port <= 65_535 && port != avoid && isFree(port)) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // A damaged ports file only costs the old address; pick a new port.
            }
        }
        while (true) {
            int port = pickFreePort();
            if (port != avoid) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            // BindException when the port is taken; any other failure to bind means the same here.
            return false;
        }
    }

    private static int pickFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.BROKER_START_FAILED,
                    "cannot find a free port on " + HOST + ": " + e.getMessage(), e);
        }
    }

    // ---- files ----

    private static String absoluteClassPath() {
        String classPath = System.getProperty("java.class.path", "");
        return String.join(File.pathSeparator, Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .toList());
    }

    /** Appends a marker line and returns the log's length before it, where this start's lines begin. */
    private static long appendHeader(Path logFile, String what) throws IOException {
        long before = Files.exists(logFile) ? Files.size(logFile) : 0;
        appendLine(logFile, "---- batpak embedded broker, " + Instant.now() + ": " + what
                + " (parent pid " + ProcessHandle.current().pid() + ")");
        return before;
    }

    private static void appendLine(Path logFile, String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The log is for people; failing to write a marker must not fail the broker.
        }
    }

    /** The last {@code lines} lines of {@code file} from byte {@code from} on. */
    static String tail(Path file, long from, int lines) {
        Deque<String> last = new ArrayDeque<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            // Read at most the last 64 KiB: a tail, not the whole history of the file.
            long start = Math.max(from, length - 65_536);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            return "(the broker log " + file + " cannot be read: " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), last);
    }

    private static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // Only remembered ports live here; without them new ports are picked.
            }
        }
        return properties;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                try {
                    Files.delete(directory);
                } catch (DirectoryNotEmptyException racing) {
                    throw new IOException("cannot delete " + directory + ": something is writing into it", racing);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    // ---- errors and processes ----

    private static long remaining(long deadline) {
        return deadline - System.nanoTime();
    }

    private static EmbeddedKafkaException startFailed(String what, Path logFile, long logStart) {
        return new EmbeddedKafkaException(EmbeddedKafkaException.Reason.BROKER_START_FAILED,
                what + ". The last lines of " + logFile + ":" + System.lineSeparator()
                        + tail(logFile, logStart, LOG_TAIL_LINES));
    }

    private static EmbeddedKafkaException unusable(Path dataDir, String why, Throwable cause) {
        return new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_UNUSABLE,
                "the data directory " + dataDir + " cannot be used: " + why
                        + " (check its permissions, or choose another with --data)", cause);
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(process.getOutputStream());
    }

    private static void closeQuietly(OutputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing the child's standard input can only fail if the child is already gone.
        }
    }
}
