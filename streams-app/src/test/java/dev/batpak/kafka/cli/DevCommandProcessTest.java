package dev.batpak.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.Conditions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batpak dev} as a user runs it: a separate JVM, stopped by a signal. Its one stdout line
 * announces a broker that answers with the store's topics; SIGTERM stops the broker cleanly; and
 * when the dev process is killed outright, its broker stops by itself.
 */
class DevCommandProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern READY = Pattern.compile("ready bootstrap=(127\\.0\\.0\\.1:\\d+) store=(\\S+)");

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void printsOneReadyLineAndStopsCleanlyOnSigterm() throws Exception {
        Dev dev = startDev("dev-test");
        String line = dev.awaitLine();
        Matcher ready = READY.matcher(line);
        assertTrue(ready.matches(), "PROPERTY: the first stdout line is the ready line: " + line);
        assertEquals("dev-test", ready.group(2));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.group(1)))) {
            StoreTopics.of("dev-test").verify(admin, 2, Duration.ofSeconds(30));
        }
        long brokerPid = brokerPid();

        dev.process.destroy(); // SIGTERM, as `kill` sends it
        assertTrue(dev.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "dev did not exit after SIGTERM");
        assertFalse(isAlive(brokerPid), "PROPERTY: stopping dev stops its broker");
        assertFalse(Files.exists(dataDir.resolve("broker.lock")), "PROPERTY: a clean stop removes the lock file");
        assertTrue(dev.lines.isEmpty(), "PROPERTY: stdout has exactly one line, got also " + dev.lines);
        String stderr = Files.readString(dev.stderr);
        assertTrue(stderr.contains("stopped; the data stays in"), "PROPERTY: the stop completes before exit: " + stderr);
        assertFalse(stderr.contains("\"error\""), stderr);
    }

    @Test
    void theBrokerStopsByItselfWhenDevIsKilled() throws Exception {
        Dev dev = startDev("dev-kill");
        assertTrue(READY.matcher(dev.awaitLine()).matches());
        long brokerPid = brokerPid();

        dev.process.destroyForcibly(); // SIGKILL: no shutdown hook runs in dev
        assertTrue(dev.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        Conditions.await(TIMEOUT, "the orphaned broker " + brokerPid + " to stop by itself",
                () -> !isAlive(brokerPid));

        // The lock names only dead processes now, so the next start takes it over.
        Dev again = startDev("dev-kill");
        assertTrue(READY.matcher(again.awaitLine()).matches(), "PROPERTY: a stale lock does not block a restart");
        again.process.destroy();
        assertTrue(again.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    private Dev startDev(String store) throws IOException {
        Path stderr = Files.createTempFile(dataDir.getParent(), "dev-stderr", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BatpakCommand.class.getName(),
                "dev", "--store", store, "--lanes", "2", "--data", dataDir.toString());
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
        started.add(process);
        Dev dev = new Dev(process, stderr);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    dev.lines.add(line);
                }
            } catch (IOException e) {
                // The process is gone; the test's wait reports what is missing.
            }
        }, "dev-stdout");
        reader.setDaemon(true);
        reader.start();
        return dev;
    }

    private long brokerPid() throws IOException {
        Matcher broker = Pattern.compile("broker=(\\d+)").matcher(Files.readString(dataDir.resolve("broker.lock")));
        assertTrue(broker.find(), "the lock file names the broker");
        return Long.parseLong(broker.group(1));
    }

    private static boolean isAlive(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive();
    }

    private static final class Dev {
        final Process process;
        final Path stderr;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Dev(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
        }

        String awaitLine() {
            return Conditions.awaitValue(TIMEOUT, "a line on dev's stdout (stderr: " + stderr + ")", () -> {
                if (!process.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("dev exited with " + process.exitValue() + " before printing: "
                            + readQuietly(stderr));
                }
                return lines.poll();
            });
        }

        private static String readQuietly(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }
    }
}
