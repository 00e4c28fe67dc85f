package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.store.StoreTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the steps of a {@link DemoTour} share: the cluster and store, the output, values handed
 * from step to step, the results for the closing JSON line, and the clients to close at the end.
 */
public final class DemoContext implements AutoCloseable {

    /** Schema registry settings, when the tour runs with {@code --registry}. */
    @SuppressWarnings("unchecked")
    public static final DemoKey<Map<String, String>> REGISTRY =
            (DemoKey<Map<String, String>>) (DemoKey<?>) DemoKey.of("registry", Map.class);

    /** The schema registry settings of the tour: empty without {@code --registry}. */
    public Map<String, String> registry() {
        Object value = values.get(REGISTRY);
        @SuppressWarnings("unchecked")
        Map<String, String> registry = value == null ? Map.of() : (Map<String, String>) value;
        return registry;
    }

    private final String bootstrap;
    private final StoreTopics topics;
    private final int lanes;
    private final short replicationFactor;
    private final Duration timeout;
    private final PrintWriter out;
    private final Map<DemoKey<?>, Object> values = new HashMap<>();
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Admin admin;

    /**
     * A context for a tour of {@code topics} with {@code lanes} lanes on the cluster at
     * {@code bootstrap}.
     *
     * @param replicationFactor the replication factor for the topics the tour creates
     * @param timeout the bound on every wait for Kafka
     * @param out where the tour explains itself
     */
    public DemoContext(String bootstrap, StoreTopics topics, int lanes, short replicationFactor, Duration timeout,
            PrintWriter out) {
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.topics = Objects.requireNonNull(topics, "topics");
        StoreTopics.validateLanes(lanes);
        this.lanes = lanes;
        this.replicationFactor = replicationFactor;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The bootstrap servers. */
    public String bootstrap() {
        return bootstrap;
    }

    /** The store's topics. */
    public StoreTopics topics() {
        return topics;
    }

    /** The store's lane count. */
    public int lanes() {
        return lanes;
    }

    /** The replication factor for topics the tour creates. */
    public short replicationFactor() {
        return replicationFactor;
    }

    /** The bound on every wait for Kafka. */
    public Duration timeout() {
        return timeout;
    }

    /** Settings every client of the tour starts from: the bootstrap servers and a client id. */
    public Map<String, Object> clientConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "batpak-demo-" + clientId);
        return config;
    }

    /** The tour's Admin client, created on first use and closed with the context. */
    public Admin admin() {
        if (admin == null) {
            admin = closeAtEnd(Admin.create(clientConfig("admin")));
        }
        return admin;
    }

    /** Registers {@code resource} to be closed when the tour ends (last registered, first closed). */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * A new temporary directory (state of an application the tour starts), deleted when the tour
     * ends. Ask for it before starting the application that uses it, so that the application,
     * registered later, is closed first.
     */
    public Path temporaryDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        closeAtEnd(() -> deleteRecursively(dir));
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Prints one line of explanation under the current step. */
    public void say(String line) {
        out.println("      " + line);
        out.flush();
    }

    /** Stores a value for later steps. */
    public <T> void put(DemoKey<T> key, T value) {
        values.put(key, key.type().cast(value));
    }

    /**
     * The value an earlier step stored.
     *
     * @throws IllegalStateException if none did: the tour's steps are in the wrong order
     */
    public <T> T get(DemoKey<T> key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("the demo step needs '" + key.name() + "', which no earlier step provided");
        }
        return key.type().cast(value);
    }

    /** Adds {@code key: value} to the closing JSON line, after the entries reported before it. */
    public void report(String key, Object value) {
        report.put(key, value);
    }

    /** The entries reported so far, in order. */
    public Map<String, Object> reported() {
        return new LinkedHashMap<>(report);
    }

    PrintWriter out() {
        return out;
    }

    /** Closes every client the tour opened. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a demo client failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        admin = null;
        if (failure != null) {
            throw failure;
        }
    }
}
