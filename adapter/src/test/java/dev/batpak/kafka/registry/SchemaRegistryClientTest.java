package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.registry.SchemaRegistryException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** What the HTTP client sends, how it retries, caches and reports, against a scripted server. */
class SchemaRegistryClientTest {

    private static final String SCHEMA_ANSWER = "{\"schema\":" + quoted(OrderShipped.SCHEMA$.toString()) + "}";

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static SchemaRegistryClient client(String url, Object... extra) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryConfig.URL, url);
        config.put(RegistryConfig.RETRY_BACKOFF_MS, "1");
        for (int i = 0; i < extra.length; i += 2) {
            config.put((String) extra[i], extra[i + 1]);
        }
        return SchemaRegistryClient.create(RegistryConfig.fromMap(config));
    }

    @Test
    void registerPostsTheSchemaWithTheConfluentMediaTypeAndCachesTheId() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http().answer(200, "{\"id\":17}")) {
            SchemaRegistryClient client = client(server.url());

            assertEquals(17, client.register("orders value/x", OrderShipped.SCHEMA$));
            assertEquals(17, client.register("orders value/x", OrderShipped.SCHEMA$));
            assertEquals(OrderShipped.SCHEMA$, client.schemaById(17));

            List<ScriptedHttpRegistry.Request> requests = server.requests();
            assertEquals(1, requests.size(), "the id and the schema by id come from the cache");
            assertEquals("POST", requests.get(0).method());
            assertEquals("/subjects/orders%20value%2Fx/versions", requests.get(0).pathAndQuery());
            assertEquals(SchemaRegistryClient.CONTENT_TYPE, requests.get(0).contentType());
            assertTrue(requests.get(0).body().startsWith("{\"schema\":"), requests.get(0).body());
        }
    }

    @Test
    void schemaByIdIsFetchedOnceThenCached() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http().answer(200, SCHEMA_ANSWER)) {
            SchemaRegistryClient client = client(server.url());

            Schema first = client.schemaById(5);
            Schema second = client.schemaById(5);

            assertEquals(OrderShipped.SCHEMA$, first);
            assertEquals(first, second);
            assertEquals(1, server.requests().size());
            assertEquals("/schemas/ids/5", server.requests().get(0).pathAndQuery());
        }
    }

    @Test
    void serverErrorsAreRetriedAndThenSucceed() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(503, "{\"error_code\":50003,\"message\":\"busy\"}")
                .answer(429, "")
                .answer(200, SCHEMA_ANSWER)) {
            SchemaRegistryClient client = client(server.url(), RegistryConfig.RETRIES, "3");

            assertEquals(OrderShipped.SCHEMA$, client.schemaById(9));
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void retriesAreBoundedAndTheErrorSaysWhatTheRegistryLastAnswered() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()) {
            SchemaRegistryClient client = client(server.url(), RegistryConfig.RETRIES, "2");

            SchemaRegistryException error = assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));

            assertEquals(Reason.SERVER_ERROR, error.reason());
            assertEquals(500, error.httpStatus());
            assertEquals(50001, error.errorCode());
            assertEquals("script exhausted", error.registryMessage());
            assertTrue(error.getMessage().contains("after 3 attempts"), error.getMessage());
            assertEquals(3, server.requests().size());
        }
    }

    @Test
    void refusalsAreNotRetriedAndCarryTheRegistrysAnswer() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}")) {
            SchemaRegistryClient client = client(server.url());

            SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                    () -> client.register("orders-value", OrderShipped.SCHEMA$));

            assertEquals(Reason.INCOMPATIBLE, error.reason());
            assertEquals("SCHEMA_REGISTRY_INCOMPATIBLE", error.code());
            assertEquals(409, error.httpStatus());
            assertFalse(error.retriable());
            assertTrue(error.getMessage().contains("Schema being registered is incompatible"), error.getMessage());
            assertTrue(error.getMessage().contains("POST /subjects/orders-value/versions"), error.getMessage());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void notFoundKeepsTheRegistrysErrorCode() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")) {
            SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                    () -> client(server.url()).schemaById(77));

            assertEquals(Reason.NOT_FOUND, error.reason());
            assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, error.errorCode());
        }
    }

    @Test
    void basicAuthIsSentAndA401IsUnauthorized() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}")) {
            SchemaRegistryClient client = client(server.url(), RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                    RegistryConfig.BASIC_AUTH_USER_INFO, "alice:s3cret");

            SchemaRegistryException error = assertThrows(SchemaRegistryException.class, client::subjects);

            assertEquals(Reason.UNAUTHORIZED, error.reason());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                    server.requests().get(0).authorization());
            assertFalse(error.getMessage().contains("s3cret"));
        }
    }

    @Test
    void credentialsInTheUrlAreUsedAndNeverPrinted() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http().answer(200, "[\"a\",\"b\"]")) {
            String url = server.url().replace("http://", "http://bob:pw@");
            SchemaRegistryClient client = client(url, RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL");

            assertEquals(List.of("a", "b"), client.subjects());
            assertEquals("Basic " + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)),
                    server.requests().get(0).authorization());
            assertFalse(client.describe().contains("pw"));
            assertFalse(client.config().toString().contains("pw"));
        }
    }

    @Test
    void anUnreachableRegistryIsReportedAfterTheBoundedRetries() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SchemaRegistryClient client = client("http://127.0.0.1:" + port, RegistryConfig.RETRIES, "1");

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));

        assertEquals(Reason.UNREACHABLE, error.reason());
        assertTrue(error.retriable());
        assertTrue(error.getMessage().contains("after 2 attempts"), error.getMessage());
    }

    @Test
    void theNextUrlIsTriedWhenOneDoesNotAnswer() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http().answer(200, SCHEMA_ANSWER)) {
            SchemaRegistryClient client = client("http://127.0.0.1:" + deadPort + "," + server.url(),
                    RegistryConfig.RETRIES, "1");

            assertEquals(OrderShipped.SCHEMA$, client.schemaById(3));
        }
    }

    @Test
    void compatibilityAndConfigUseTheConfluentEndpoints() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(200, "{\"compatibility\":\"BACKWARD\"}")
                .answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}")
                .answer(200, "{\"is_compatible\":false,\"messages\":[\"field y has no default\"]}")
                .answer(404, "{\"error_code\":40401,\"message\":\"Subject not found\"}")
                .answer(404, "{\"error_code\":40408,\"message\":\"no subject config\"}")
                .answer(200, "{\"compatibilityLevel\":\"FULL\"}")) {
            SchemaRegistryClient client = client(server.url());

            assertEquals(CompatibilityLevel.BACKWARD, client.setCompatibility("s", CompatibilityLevel.BACKWARD));
            assertEquals(CompatibilityLevel.BACKWARD, client.compatibility("s"));
            CompatibilityResult refused = client.testCompatibility("s", OrderShipped.SCHEMA$);
            assertFalse(refused.compatible());
            assertEquals(List.of("field y has no default"), refused.messages());
            assertTrue(client.testCompatibility("new", OrderShipped.SCHEMA$).compatible());
            assertEquals(CompatibilityLevel.FULL, client.compatibility("other"));

            List<String> paths = server.requests().stream().map(r -> r.method() + " " + r.pathAndQuery()).toList();
            assertEquals(List.of("PUT /config/s", "GET /config/s?defaultToGlobal=true",
                    "POST /compatibility/subjects/s/versions/latest?verbose=true",
                    "POST /compatibility/subjects/new/versions/latest?verbose=true",
                    "GET /config/other?defaultToGlobal=true", "GET /config"), paths);
            assertEquals("{\"compatibility\":\"BACKWARD\"}", server.requests().get(0).body());
        }
    }

    @Test
    void anAnswerThatIsNotTheConfluentApiIsABadResponse() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http().answer(200, "<html>welcome</html>")) {
            SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                    () -> client(server.url()).schemaById(1));

            assertEquals(Reason.BAD_RESPONSE, error.reason());
            assertTrue(error.getMessage().contains("/apis/ccompat/v7"), error.getMessage());
        }
    }
}
