package dev.batpak.kafka.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks compose/docker-compose.yml, compose/app.properties and compose/Dockerfile without
 * Docker: the cluster has the shape the README promises (three KRaft nodes in one quorum,
 * replication 3 and min ISR 2 everywhere, two app instances, a registry the apps point at) and
 * nothing a typo could silently break (unknown configuration keys, clashing host ports).
 */
class ComposeFileTest {

    /** The configuration keys the streams app reads; anything else in app.properties is a typo. */
    private static final Set<String> ALLOWED_APP_KEYS = Set.of("bootstrap.servers", "batpak.store", "batpak.lanes",
            "batpak.replication.factor", "schema.registry.url", "batpak.state.dir", "batpak.http.port",
            "batpak.signing.key.file", "application.server");

    /** Keys without which the app cannot reach the cluster or sign receipts. */
    private static final Set<String> REQUIRED_APP_KEYS = Set.of("bootstrap.servers", "batpak.store",
            "batpak.lanes", "batpak.replication.factor", "schema.registry.url", "batpak.http.port",
            "batpak.signing.key.file");

    private static final String BROKER_IMAGE = "apache/kafka:4.1.1";
    private static final String REGISTRY_IMAGE = "apicurio/apicurio-registry-mem:2.4.2.Final";
    private static final String APP_DOCKERFILE = "compose/Dockerfile";

    private static Path composeDir;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> compose;
    private static Properties appProperties;

    @BeforeAll
    static void load() throws IOException {
        composeDir = findComposeDir();
        try (Reader reader = Files.newBufferedReader(composeDir.resolve("docker-compose.yml"))) {
            compose = asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), "docker-compose.yml");
        }
        services = new LinkedHashMap<>();
        asMap(compose.get("services"), "services").forEach((name, body) -> services.put(name, asMap(body, name)));
        appProperties = new Properties();
        try (Reader reader = Files.newBufferedReader(composeDir.resolve("app.properties"))) {
            appProperties.load(reader);
        }
    }

    /** The repository's compose directory, found from the module directory Maven runs tests in. */
    private static Path findComposeDir() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("compose/docker-compose.yml"))) {
                return d.resolve("compose");
            }
        }
        return fail("no compose/docker-compose.yml in " + dir + " or any parent directory");
    }

    private static Map<String, Map<String, Object>> brokers() {
        Map<String, Map<String, Object>> brokers = new LinkedHashMap<>();
        services.forEach((name, body) -> {
            if (String.valueOf(body.get("image")).startsWith("apache/kafka")) {
                brokers.put(name, body);
            }
        });
        return brokers;
    }

    private static Map<String, Map<String, Object>> apps() {
        Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
        services.forEach((name, body) -> {
            if (body.containsKey("build")) {
                apps.put(name, body);
            }
        });
        return apps;
    }

    @Test
    void threeBrokersWithDistinctNodeIdsInOneControllerQuorum() {
        Map<String, Map<String, Object>> brokers = brokers();
        assertEquals(3, brokers.size(), "PROPERTY: the cluster has 3 brokers, got " + brokers.keySet());

        Set<String> nodeIds = new TreeSet<>();
        Set<String> voterStrings = new HashSet<>();
        Set<String> clusterIds = new HashSet<>();
        Map<String, String> nodeIdToService = new HashMap<>();
        brokers.forEach((name, body) -> {
            assertEquals(BROKER_IMAGE, body.get("image"), name);
            Map<String, String> env = environment(name, body);
            String nodeId = require(env, "KAFKA_NODE_ID", name);
            assertTrue(nodeIds.add(nodeId), "PROPERTY: node ids are distinct; " + nodeId + " repeats on " + name);
            nodeIdToService.put(nodeId, name);
            assertEquals(Set.of("broker", "controller"), Set.of(require(env, "KAFKA_PROCESS_ROLES", name).split(",")),
                    name + " runs combined broker+controller");
            voterStrings.add(require(env, "KAFKA_CONTROLLER_QUORUM_VOTERS", name));
            clusterIds.add(require(env, "CLUSTER_ID", name));
            assertTrue(require(env, "KAFKA_ADVERTISED_LISTENERS", name).contains("://" + name + ":"),
                    name + " must advertise its own service name to the other containers");
        });

        assertEquals(1, voterStrings.size(), "PROPERTY: one quorum voters string on every broker, got " + voterStrings);
        assertEquals(1, clusterIds.size(), "every broker must be formatted with the same CLUSTER_ID");
        Map<String, String> voters = new HashMap<>();
        for (String voter : voterStrings.iterator().next().split(",")) {
            String[] idAndAddress = voter.trim().split("@", 2);
            assertEquals(2, idAndAddress.length, "voter " + voter + " is not id@host:port");
            voters.put(idAndAddress[0], idAndAddress[1]);
        }
        assertEquals(nodeIds, new TreeSet<>(voters.keySet()), "the quorum's voters are exactly the brokers' node ids");
        voters.forEach((id, address) -> assertEquals(nodeIdToService.get(id), address.split(":")[0],
                "voter " + id + " must be addressed by its own service name"));
    }

    @Test
    void everyBrokerHasReplicationThreeAndMinInsyncTwo() {
        Map<String, String> expected = Map.of(
                "KAFKA_DEFAULT_REPLICATION_FACTOR", "3",
                "KAFKA_MIN_INSYNC_REPLICAS", "2",
                "KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false",
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
        brokers().forEach((name, body) -> {
            Map<String, String> env = environment(name, body);
            expected.forEach((key, value) -> assertEquals(value, env.get(key),
                    "PROPERTY: " + key + "=" + value + " on every broker; " + name + " has " + env.get(key)));
        });
    }

    @Test
    void twoAppInstancesBuiltFromThisRepository() {
        Map<String, Map<String, Object>> apps = apps();
        assertEquals(2, apps.size(), "PROPERTY: two streams-app instances, got " + apps.keySet());

        Set<String> applicationServers = new HashSet<>();
        Set<String> stateMounts = new HashSet<>();
        apps.forEach((name, body) -> {
            Map<String, Object> build = asMap(body.get("build"), name + ".build");
            assertEquals(APP_DOCKERFILE, build.get("dockerfile"), name);
            assertEquals("..", build.get("context"), name + " builds from the repository root");
            String server = require(environment(name, body), "BATPAK_APPLICATION_SERVER", name);
            assertTrue(applicationServers.add(server), "each instance needs its own application.server: " + server);
            assertEquals(name, server.split(":")[0], name + " must advertise its own service name");
            assertEquals(appProperties.getProperty("batpak.http.port"), server.split(":")[1],
                    name + "'s application.server port is the app's HTTP port");

            List<String> volumes = strings(body.get("volumes"));
            assertTrue(volumes.contains("./app.properties:/etc/batpak/shared.properties:ro"),
                    name + " mounts the shared app.properties where the entrypoint expects it: " + volumes);
            String stateVolume = volumes.stream()
                    .filter(v -> v.endsWith(":" + appProperties.getProperty("batpak.state.dir")))
                    .findFirst().orElseGet(() -> fail(name + " keeps batpak.state.dir in a volume: " + volumes));
            assertTrue(stateMounts.add(stateVolume.split(":")[0]), "instances must not share a state volume");
            List<String> dependsOn = new ArrayList<>(asMap(body.get("depends_on"), name + ".depends_on").keySet());
            assertTrue(dependsOn.containsAll(brokers().keySet()), name + " waits for every broker: " + dependsOn);
        });
    }

    @Test
    void appPropertiesUsesOnlyKnownKeysAndPointsAtTheBrokers() {
        Set<String> unknown = new TreeSet<>(appProperties.stringPropertyNames());
        unknown.removeAll(ALLOWED_APP_KEYS);
        assertTrue(unknown.isEmpty(), "PROPERTY: app.properties uses only keys the app reads; unknown: " + unknown);
        Set<String> missing = new TreeSet<>(REQUIRED_APP_KEYS);
        missing.removeAll(appProperties.stringPropertyNames());
        assertTrue(missing.isEmpty(), "app.properties lacks " + missing);

        Set<String> bootstrapHosts = new TreeSet<>();
        for (String server : appProperties.getProperty("bootstrap.servers").split(",")) {
            String[] hostPort = server.trim().split(":");
            bootstrapHosts.add(hostPort[0]);
            assertTrue(environment(hostPort[0], services.getOrDefault(hostPort[0], Map.of()))
                            .getOrDefault("KAFKA_LISTENERS", "").contains(":" + hostPort[1]),
                    "bootstrap server " + server + " must be a broker listener on the compose network");
        }
        assertEquals(new TreeSet<>(brokers().keySet()), bootstrapHosts);
        int replication = Integer.parseInt(appProperties.getProperty("batpak.replication.factor"));
        assertEquals(3, replication);
        assertTrue(replication <= brokers().size());
        assertTrue(Integer.parseInt(appProperties.getProperty("batpak.lanes")) >= apps().size(),
                "at least one lane per app instance, or an instance idles");

        Set<String> namedVolumes = asMap(compose.get("volumes"), "volumes").keySet();
        String keyFile = appProperties.getProperty("batpak.signing.key.file");
        apps().forEach((name, body) -> assertTrue(strings(body.get("volumes")).stream().anyMatch(v -> {
            String[] parts = v.split(":");
            return namedVolumes.contains(parts[0]) && keyFile.startsWith(parts[1] + "/");
        }), name + " mounts the volume holding " + keyFile));
    }

    @Test
    void hostPortsDoNotClash() {
        Map<String, String> owner = new HashMap<>();
        services.forEach((name, body) -> {
            for (String hostPort : hostPorts(body)) {
                String previous = owner.putIfAbsent(hostPort, name);
                assertTrue(previous == null,
                        "PROPERTY: host port " + hostPort + " is published by both " + previous + " and " + name);
            }
        });
        assertFalse(owner.isEmpty(), "the cluster must be reachable from the host");
    }

    @Test
    void theRegistryExistsAndTheAppsPointAtIt() {
        Map.Entry<String, Map<String, Object>> registry = services.entrySet().stream()
                .filter(e -> REGISTRY_IMAGE.equals(e.getValue().get("image")))
                .findFirst().orElseGet(() -> fail("no service runs " + REGISTRY_IMAGE));

        URI url = URI.create(appProperties.getProperty("schema.registry.url"));
        assertEquals("http", url.getScheme());
        assertEquals(registry.getKey(), url.getHost(), "PROPERTY: schema.registry.url names the registry service");
        Set<String> containerPorts = new HashSet<>();
        for (String mapping : strings(registry.getValue().get("ports"))) {
            String[] parts = mapping.split(":");
            containerPorts.add(parts[parts.length - 1].split("/")[0]);
        }
        assertTrue(containerPorts.contains(String.valueOf(url.getPort())),
                "schema.registry.url port " + url.getPort() + " is the registry's container port " + containerPorts);
        assertTrue(url.getPath().startsWith("/apis/ccompat/"), "the apps speak the Confluent-compatible API");
        apps().forEach((name, body) -> assertTrue(
                asMap(body.get("depends_on"), name).containsKey(registry.getKey()), name + " waits for the registry"));
    }

    @Test
    void dockerfileRunsTheBuiltJarWithTheAppConfig() throws IOException {
        String dockerfile = Files.readString(composeDir.resolve("Dockerfile"));

        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), dockerfile);
        assertTrue(dockerfile.contains("COPY streams-app/target/batpak.jar "), "copies the jar Maven builds");
        assertTrue(dockerfile.contains("COPY streams-app/target/lib/ "), "copies the jar's class-path directory");
        assertTrue(dockerfile.contains(
                "\"java\", \"-jar\", \"batpak.jar\", \"serve\", \"--config\", \"/etc/batpak/app.properties\""),
                "runs batpak serve with the generated config");
        String entrypoint = Files.readString(composeDir.resolve("entrypoint.sh"));
        assertTrue(entrypoint.contains("BATPAK_APPLICATION_SERVER") && entrypoint.contains("exec \"$@\""),
                "the entrypoint sets application.server per instance and then runs the command");
    }

    // ---- small helpers over SnakeYAML's untyped maps and lists ----

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        assertNotNull(value, what + " is missing");
        assertTrue(value instanceof Map, what + " is not a mapping: " + value);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                out.add(String.valueOf(item));
            }
        }
        return out;
    }

    /** A service's environment, from either the mapping or the {@code KEY=value} list form. */
    private static Map<String, String> environment(String name, Map<String, Object> service) {
        Map<String, String> env = new HashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            for (Object item : list) {
                String[] kv = String.valueOf(item).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    private static String require(Map<String, String> env, String key, String service) {
        String value = env.get(key);
        assertNotNull(value, service + " lacks " + key);
        return value;
    }

    /** Published host ports, from short ({@code [ip:]host:container[/proto]}) and long port syntax. */
    private static List<String> hostPorts(Map<String, Object> service) {
        List<String> out = new ArrayList<>();
        Object raw = service.get("ports");
        if (!(raw instanceof List<?> list)) {
            return out;
        }
        for (Object item : list) {
            if (item instanceof Map<?, ?> longForm) {
                Object published = longForm.get("published");
                if (published != null) {
                    out.add(published + "/" + String.valueOf(longForm.containsKey("protocol")
                            ? longForm.get("protocol") : "tcp"));
                }
                continue;
            }
            String spec = String.valueOf(item);
            String protocol = spec.contains("/") ? spec.substring(spec.indexOf('/') + 1) : "tcp";
            String[] parts = spec.split("/")[0].split(":");
            assertTrue(parts.length >= 2, "port " + spec + " publishes no fixed host port; give one explicitly");
            out.add(parts[parts.length - 2] + "/" + protocol);
        }
        return out;
    }
}
