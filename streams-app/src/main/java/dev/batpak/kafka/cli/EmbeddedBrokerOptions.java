package dev.batpak.kafka.cli;

import dev.batpak.kafka.embedded.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --data DIR} and {@code --port P}, shared by the commands that run the embedded broker,
 * and the broker JVM's options from {@code BATPAK_BROKER_OPTS}.
 */
public final class EmbeddedBrokerOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The broker's data directory (default: ./.batpak/<store> for dev, a new temporary"
                    + " directory for demo).")
    private Path data;

    private int port;

    @Option(names = "--port", paramLabel = "P",
            description = "The broker's client port on 127.0.0.1 (default: a free one, the previous one when free).")
    void setPort(int value) {
        if (value < 1 || value > 65_535) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--port': " + value
                    + " is not a TCP port (1..65535)");
        }
        port = value;
    }

    /** The data directory given with {@code --data}, or {@code null}. */
    public Path data() {
        return data;
    }

    /** The port given with {@code --port}, or 0 to pick one. */
    public int port() {
        return port;
    }

    /**
     * The embedded broker's configuration for {@code dataDir}: the port, and the JVM options from
     * {@code BATPAK_BROKER_OPTS} (whitespace-separated, replacing the defaults) when it is set.
     */
    public EmbeddedKafkaConfig config(Path dataDir) {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.of(dataDir).withPort(port);
        String options = System.getenv("BATPAK_BROKER_OPTS");
        if (options != null && !options.isBlank()) {
            config = config.withJvmOptions(List.of(options.trim().split("\\s+")));
        }
        return config;
    }
}
