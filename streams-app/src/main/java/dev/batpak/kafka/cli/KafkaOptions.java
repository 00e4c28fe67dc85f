package dev.batpak.kafka.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --bootstrap} and {@code --timeout}, shared by every command that talks to an existing
 * Kafka cluster. {@code --bootstrap} falls back to {@code BATPAK_BOOTSTRAP}, so after
 * {@code batpak dev} prints its address one export serves every later command.
 */
public final class KafkaOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,HOST:PORT]", defaultValue = "${env:BATPAK_BOOTSTRAP}",
            description = "Kafka bootstrap servers (default: $BATPAK_BOOTSTRAP).")
    private String bootstrap;

    private Duration timeout = Duration.ofSeconds(30);

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for Kafka, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    void setTimeout(String value) {
        timeout = Durations.parse(spec.commandLine(), "--timeout", value);
    }

    /**
     * The bootstrap servers.
     *
     * @throws ParameterException if neither {@code --bootstrap} nor {@code BATPAK_BOOTSTRAP} gives them
     */
    public String bootstrap() {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required option: '--bootstrap' (or set BATPAK_BOOTSTRAP); `batpak dev` prints the address"
                            + " of its broker");
        }
        return bootstrap.trim();
    }

    /** The bound on every wait for Kafka. */
    public Duration timeout() {
        return timeout;
    }

    /** The common client settings: the bootstrap servers and timeouts bounded by {@code --timeout}. */
    public Map<String, Object> clientConfig(String clientId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        // Kafka refuses an API timeout shorter than the request timeout (30 s by default).
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 30_000));
        return config;
    }

    /** An Admin client for the cluster; the caller closes it. */
    public Admin admin(String clientId) {
        return Admin.create(clientConfig(clientId));
    }
}
