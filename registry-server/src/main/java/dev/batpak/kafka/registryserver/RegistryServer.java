package dev.batpak.kafka.registryserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the Apicurio Registry this module assembles as a child JVM on a free loopback port, for
 * tests that need a real schema registry speaking the Confluent API.
 *
 * <p>{@link #shared()} starts one server per JVM on first use and stops it when the JVM exits, so
 * every test class of a run shares it (a start costs 5 to 20 seconds); use unique subject names per
 * test. The server keeps its schemas in memory only. Its output goes to
 * {@code <build dir>/registry-server-logs/registry-<port>.log}. The runner jar is found beside this
 * class's own build output ({@code registry-server/<build dir>/}), or at the path in the system
 * property {@value #JAR_PROPERTY}.
 */
public final class RegistryServer implements AutoCloseable {

    /** System property that names the runner jar explicitly. */
    public static final String JAR_PROPERTY = "batpak.registry-server.jar";

    /** How long {@link #shared()} waits for the server to answer. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    /** The path of the Confluent-compatible API under the server's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 40;

    private static RegistryServer shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startupTime;

    private RegistryServer(Process process, int port, Path log, Duration startupTime) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startupTime = startupTime;
    }

    /**
     * The server shared by every test of this JVM: started on first call (bounded by
     * {@link #DEFAULT_START_TIMEOUT}), stopped when the JVM exits.
     *
     * @throws RegistryServerException when it cannot be found or does not start in time
     */
    public static synchronized RegistryServer shared() {
        if (shared == null || !shared.isRunning()) {
            RegistryServer server = start(DEFAULT_START_TIMEOUT);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "registry-server-stop"));
            shared = server;
        }
        return shared;
    }

    /**
     * Starts a server of its own; the caller closes it.
     *
     * @param timeout how long to wait for the Confluent API to answer
     * @throws RegistryServerException when it cannot be found or does not start in time
     */
    public static RegistryServer start(Duration timeout) {
        Path jar = runnerJar();
        Path logs = jar.getParent().resolve("registry-server-logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new RegistryServerException("cannot create the log directory " + logs + ": " + e, e);
        }
        RegistryServerException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeLoopbackPort();
            Path log = logs.resolve("registry-" + port + ".log");
            try {
                return launch(jar, port, log, timeout);
            } catch (PortTaken e) {
                last = e.failure;
            }
        }
        throw last;
    }

    /** The server's root URL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The base URL of the Confluent-compatible API: what {@code schema.registry.url} should be. */
    public String ccompatUrl() {
        return url() + CCOMPAT_PATH;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** Its log file. */
    public Path logFile() {
        return log;
    }

    /** How long it took from launch until the Confluent API answered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** True while the server process runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server: a polite request first, then a kill after {@code 15 s}. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RegistryServer[" + ccompatUrl() + ", log " + log + "]";
    }

    /**
     * The runner jar: the one named by {@value #JAR_PROPERTY}, else the {@code *-runner.jar} in the
     * build directory this class was loaded from.
     *
     * @throws RegistryServerException when there is none, with the command that builds it
     */
    public static Path runnerJar() {
        String explicit = System.getProperty(JAR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new RegistryServerException(JAR_PROPERTY + "=" + explicit + " is not a file");
            }
            return jar;
        }
        Path buildDir = ownBuildDirectory();
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(buildDir, "*-runner.jar")) {
            for (Path candidate : candidates) {
                if (Files.isDirectory(buildDir.resolve("lib"))) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new RegistryServerException("cannot list " + buildDir + ": " + e, e);
        }
        throw new RegistryServerException("no assembled registry server in " + buildDir + " (a *-runner.jar beside a"
                + " lib/ directory); build it with: mvn -B -pl registry-server -am process-classes"
                + " (add -Dbuild.dirname=" + buildDir.getFileName() + " if that is your build directory)");
    }

    /** {@code registry-server/<build dir>}: the parent of the classes directory or jar this class came from. */
    private static Path ownBuildDirectory() {
        try {
            Path location = Path.of(RegistryServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new RegistryServerException("cannot tell where " + RegistryServer.class.getName() + " was loaded"
                    + " from; set -D" + JAR_PROPERTY + "=<path to the *-runner.jar>", e);
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Thrown inside {@link #start} when the chosen port was taken meanwhile: another port is tried. */
    private static final class PortTaken extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RegistryServerException failure;

        PortTaken(RegistryServerException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private static RegistryServer launch(Path jar, int port, Path log, Duration timeout) throws PortTaken {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-jar", jar.toString()));
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new RegistryServerException("cannot launch " + String.join(" ", command) + ": " + e, e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CCOMPAT_PATH + "/subjects"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = started + timeout.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                if (!process.isAlive()) {
                    String tail = tail(log);
                    RegistryServerException failure = new RegistryServerException("the registry server exited with code "
                            + process.exitValue() + " before answering on port " + port + "; log " + log + ":\n" + tail);
                    if (tail.contains("Port already bound") || tail.contains("Address already in use")) {
                        throw new PortTaken(failure);
                    }
                    throw failure;
                }
                if (answers(http, probe)) {
                    return new RegistryServer(process, port, log, Duration.ofNanos(System.nanoTime() - started));
                }
                process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RegistryServerException("interrupted while waiting for the registry server on port " + port, e);
        }
        process.destroyForcibly();
        throw new RegistryServerException("the registry server did not answer " + probe.uri() + " within " + timeout
                + "; log " + log + ":\n" + tail(log));
    }

    private static boolean answers(HttpClient http, HttpRequest probe) throws InterruptedException {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
