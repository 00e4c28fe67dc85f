package dev.batpak.kafka.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedKafka} broker. Start from {@link #of(Path)} and adjust with the
 * {@code with...} methods.
 *
 * @param dataDir the directory holding the broker's data, configuration, log and lock file
 * @param port the client port on 127.0.0.1; 0 picks one (the previous run's port when free)
 * @param fresh whether to delete the broker's data first and start from an empty cluster
 * @param startTimeout how long formatting plus start-up may take before the start fails
 * @param stopTimeout how long a clean stop may take before the broker is killed
 * @param jvmOptions options for the broker's JVM (heap, garbage collector)
 * @param deleteOnClose whether {@code close()} deletes the whole data directory after the stop,
 *     for throw-away brokers (the demo's, tests')
 */
public record EmbeddedKafkaConfig(Path dataDir, int port, boolean fresh, Duration startTimeout, Duration stopTimeout,
        List<String> jvmOptions, boolean deleteOnClose) {

    /**
     * The broker JVM's default options: a heap that holds a development broker comfortably
     * (STACK.md measured about 380 MB resident) and the serial collector, which starts fastest
     * and costs least memory for a single-user broker.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC");

    /** Validates every setting. */
    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port: use 1..65535, or 0 to pick one");
        }
        requirePositive(startTimeout, "startTimeout");
        requirePositive(stopTimeout, "stopTimeout");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Defaults for {@code dataDir}: any free port, data reused and kept, 90 s to start, 30 s to stop. */
    public static EmbeddedKafkaConfig of(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, 0, false, Duration.ofSeconds(90), Duration.ofSeconds(30),
                DEFAULT_JVM_OPTIONS, false);
    }

    /** This configuration with the client port fixed to {@code port} (0 = pick one). */
    public EmbeddedKafkaConfig withPort(int port) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    /** This configuration, starting from an empty cluster when {@code fresh}. */
    public EmbeddedKafkaConfig withFresh(boolean fresh) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    /** This configuration with another start-up bound. */
    public EmbeddedKafkaConfig withStartTimeout(Duration startTimeout) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    /** This configuration with another clean-stop bound. */
    public EmbeddedKafkaConfig withStopTimeout(Duration stopTimeout) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    /** This configuration with other options for the broker's JVM. */
    public EmbeddedKafkaConfig withJvmOptions(List<String> jvmOptions) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    /** This configuration, deleting the data directory on close when {@code deleteOnClose}. */
    public EmbeddedKafkaConfig withDeleteOnClose(boolean deleteOnClose) {
        return new EmbeddedKafkaConfig(dataDir, port, fresh, startTimeout, stopTimeout, jvmOptions, deleteOnClose);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
