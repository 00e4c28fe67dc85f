package dev.batpak.kafka.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.registry.SchemaRegistryException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client for the Confluent schema registry REST API over the JDK's {@link HttpClient}.
 *
 * <p>Only the Confluent API is used (no vendor extensions), so the base URL may point at Confluent
 * Schema Registry, Apicurio's compatibility API ({@code http://host:8080/apis/ccompat/v7}),
 * Karapace or Redpanda. Requests that get no answer, HTTP 5xx or 429 are retried a bounded number
 * of times with a doubling pause, moving to the next configured URL each time; other answers are
 * final and become a {@link SchemaRegistryException} carrying the registry's status, error code and
 * message. Schemas by id, and ids by (subject, schema), are cached (bounded); nothing else is, so
 * "latest" and configuration reads always ask. Thread-safe.
 */
public final class SchemaRegistryClient implements SchemaRegistry {

    /** The media type of the Confluent API. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final AtomicInteger nextUrl = new AtomicInteger();
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;

    /** A (subject, schema) pair: the key of what register and lookup remember. */
    private record SubjectSchema(String subject, Schema schema) {
    }

    private SchemaRegistryClient(RegistryConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL);
        config.tls().ifPresent(tls -> builder.sslContext(sslContext(tls)));
        this.http = builder.build();
        this.authorization = config.userInfo()
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
                .orElse(null);
        this.schemasById = new BoundedCache<>(config.cacheCapacity());
        this.idsBySubjectSchema = new BoundedCache<>(config.cacheCapacity());
        this.lookups = new BoundedCache<>(config.cacheCapacity());
    }

    /**
     * A client for {@code config} (HTTP or HTTPS URLs).
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when the TLS material cannot be loaded
     */
    public static SchemaRegistryClient create(RegistryConfig config) {
        for (URI url : config.urls()) {
            if ("mock".equalsIgnoreCase(url.getScheme())) {
                throw SchemaRegistryException.invalidConfig("mock:// URLs are served in memory; use"
                        + " SchemaRegistry.create(config) for them, not the HTTP client");
            }
        }
        return new SchemaRegistryClient(config);
    }

    /** The configuration this client was made with. */
    public RegistryConfig config() {
        return config;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "register a version of subject '" + subject + "'");
        int id = intField(answer, "id", "POST /subjects/" + subject + "/versions");
        idsBySubjectSchema.put(key, id);
        schemasById.put(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        String request = "POST /subjects/" + subject;
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema),
                "look up a schema in subject '" + subject + "'");
        RegisteredSchema found = new RegisteredSchema(subject, intField(answer, "id", request),
                intField(answer, "version", request), schema);
        lookups.put(key, found);
        idsBySubjectSchema.put(key, found.id());
        schemasById.put(found.id(), schema);
        return found;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        Schema schema = schemaField(answer, "GET /schemas/ids/" + id);
        schemasById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1, got " + version);
        }
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        String request = "GET /subjects/" + subject + "/versions/" + version;
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null,
                "fetch version " + version + " of subject '" + subject + "'");
        RegisteredSchema found = new RegisteredSchema(subject, intField(answer, "id", request),
                intField(answer, "version", request), schemaField(answer, request));
        schemasById.put(found.id(), found.schema());
        return found;
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null, "list subjects");
        List<String> subjects = new ArrayList<>();
        for (JsonNode node : array(answer, "GET /subjects")) {
            subjects.add(node.asText());
        }
        return List.copyOf(subjects);
    }

    @Override
    public List<Integer> versions(String subject) {
        String request = "GET /subjects/" + subject + "/versions";
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions", null,
                "list the versions of subject '" + subject + "'");
        List<Integer> versions = new ArrayList<>();
        for (JsonNode node : array(answer, request)) {
            if (!node.canConvertToInt()) {
                throw badResponse(request, "a version is not a number: " + node);
            }
            versions.add(node.asInt());
        }
        versions.sort(null);
        return List.copyOf(versions);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        String request = "POST /compatibility/subjects/" + subject + "/versions/latest";
        JsonNode answer;
        try {
            answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema), "test compatibility against subject '" + subject + "'");
        } catch (SchemaRegistryException e) {
            if (e.reason() == Reason.NOT_FOUND && (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND)) {
                return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
            }
            throw e;
        }
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw badResponse(request, "no boolean is_compatible in " + abbreviate(answer.toString()));
        }
        List<String> messages = new ArrayList<>();
        JsonNode list = answer.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(m -> messages.add(m.asText()));
        }
        JsonNode reason = answer.get("reason");
        if (reason != null && reason.isTextual() && !reason.asText().isBlank()) {
            messages.add(reason.asText());
        }
        return new CompatibilityResult(flag.asBoolean(), messages);
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        JsonNode answer;
        try {
            answer = send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null,
                    "read the compatibility level of subject '" + subject + "'");
        } catch (SchemaRegistryException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return globalCompatibility();
            }
            throw e;
        }
        return level(answer, "GET /config/" + subject);
    }

    @Override
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
        JsonNode answer = send("PUT", "/config/" + encode(subject), body,
                "set the compatibility level of subject '" + subject + "' to " + level);
        return level(answer, "PUT /config/" + subject);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(send("GET", "/config", null, "read the global compatibility level"), "GET /config");
    }

    @Override
    public String describe() {
        return config.describeUrls();
    }

    @Override
    public String toString() {
        return "SchemaRegistryClient[" + describe() + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private static ObjectNode schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one request with the bounded retries; returns the parsed JSON of a 2xx answer. */
    private JsonNode send(String method, String pathAndQuery, JsonNode body, String what) {
        int attempts = config.maxRetries() + 1;
        int start = Math.floorMod(nextUrl.get(), config.urls().size());
        String lastProblem = "";
        Throwable lastCause = null;
        int lastStatus = -1;
        int lastErrorCode = -1;
        String lastRegistryMessage = "";
        for (int attempt = 0; attempt < attempts; attempt++) {
            URI base = config.urls().get((start + attempt) % config.urls().size());
            URI uri = URI.create(base.toString() + pathAndQuery);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(config.requestTimeout())
                    .header("Accept", ACCEPT);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (SSLException e) {
                throw new SchemaRegistryException(Reason.UNREACHABLE, "cannot " + what + ": the TLS handshake with "
                        + base + " failed (" + e.getMessage() + "); check " + RegistryConfig.TRUSTSTORE_LOCATION
                        + " (the registry's certificate must be trusted) and the host name in " + RegistryConfig.URL,
                        -1, -1, "", e);
            } catch (IOException e) {
                lastProblem = "no answer from " + base + " (" + e + ")";
                lastCause = e;
                lastStatus = -1;
                nextUrl.set(start + attempt + 1);
                pause(attempt, attempts, what);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(Reason.UNREACHABLE, "interrupted while waiting for " + base
                        + " to " + what, -1, -1, "", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), method + " " + pathAndQuery, base);
            }
            JsonNode error = tryParse(response.body());
            int errorCode = error != null && error.path("error_code").canConvertToInt() ? error.path("error_code").asInt() : -1;
            String registryMessage = error != null && error.path("message").isTextual() ? error.path("message").asText()
                    : abbreviate(new String(response.body(), StandardCharsets.UTF_8));
            if (status == 429 || status >= 500) {
                lastProblem = base + " answered HTTP " + status + describeCode(errorCode) + ": " + registryMessage;
                lastCause = null;
                lastStatus = status;
                lastErrorCode = errorCode;
                lastRegistryMessage = registryMessage;
                nextUrl.set(start + attempt + 1);
                pause(attempt, attempts, what);
                continue;
            }
            throw refused(status, errorCode, registryMessage, base, method + " " + pathAndQuery, what);
        }
        if (lastStatus > 0) {
            throw new SchemaRegistryException(Reason.SERVER_ERROR, "cannot " + what + ": " + lastProblem + " (after "
                    + attempts + " attempts); retry later, and check the registry's own logs", lastStatus,
                    lastErrorCode, lastRegistryMessage, null);
        }
        throw new SchemaRegistryException(Reason.UNREACHABLE, "cannot " + what + ": " + lastProblem + " (after "
                + attempts + " attempts); check " + RegistryConfig.URL + " (" + describe()
                + "), that the registry is running, and the network between here and there", -1, -1, "", lastCause);
    }

    private static SchemaRegistryException refused(int status, int errorCode, String registryMessage, URI base,
            String request, String what) {
        Reason reason;
        String advice;
        switch (status) {
            case 401 -> {
                reason = Reason.UNAUTHORIZED;
                advice = "set " + RegistryConfig.BASIC_AUTH_USER_INFO + "=user:password (and "
                        + RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO) with valid credentials";
            }
            case 403 -> {
                reason = Reason.FORBIDDEN;
                advice = "the configured credentials may not do this; grant them access to the subject";
            }
            case 404 -> {
                reason = Reason.NOT_FOUND;
                advice = switch (errorCode) {
                    case SchemaRegistryException.SUBJECT_NOT_FOUND -> "the subject does not exist (yet)";
                    case SchemaRegistryException.VERSION_NOT_FOUND -> "the subject has no such version";
                    case SchemaRegistryException.SCHEMA_NOT_FOUND -> "the registry has no such schema";
                    default -> "check the subject, the id, and that " + RegistryConfig.URL
                            + " includes the API's base path (for Apicurio: /apis/ccompat/v7)";
                };
            }
            case 409 -> {
                reason = Reason.INCOMPATIBLE;
                advice = "the schema breaks the subject's compatibility level (GET /config/<subject>): make the"
                        + " change compatible (add fields with defaults; do not remove, rename or retype fields), or"
                        + " bump the payload version and register an upcaster";
            }
            case 400, 422 -> {
                reason = Reason.INVALID_REQUEST;
                advice = "the registry found the schema or a parameter invalid";
            }
            default -> {
                reason = Reason.BAD_RESPONSE;
                advice = "this is not an answer of the Confluent schema registry API; check " + RegistryConfig.URL;
            }
        }
        return new SchemaRegistryException(reason, "cannot " + what + ": " + base + " answered HTTP " + status
                + describeCode(errorCode) + " to " + request + ": " + registryMessage + "; " + advice, status,
                errorCode, registryMessage, null);
    }

    private static String describeCode(int errorCode) {
        return errorCode < 0 ? "" : " (error_code " + errorCode + ")";
    }

    private void pause(int attempt, int attempts, String what) {
        if (attempt + 1 >= attempts) {
            return;
        }
        long millis = config.retryBackoff().toMillis() << Math.min(attempt, 16);
        millis = Math.min(millis, MAX_BACKOFF.toMillis());
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(Reason.UNREACHABLE, "interrupted between retries to " + what, -1, -1, "",
                    e);
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(byte[] body, String request, URI base) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        JsonNode node = tryParse(body);
        if (node == null) {
            throw new SchemaRegistryException(Reason.BAD_RESPONSE, base + " answered " + request + " with something"
                    + " that is not JSON: " + abbreviate(new String(body, StandardCharsets.UTF_8)) + "; check that "
                    + RegistryConfig.URL + " points at the Confluent-compatible API (for Apicurio: /apis/ccompat/v7)",
                    200, -1, "", null);
        }
        return node;
    }

    private static JsonNode tryParse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static SchemaRegistryException badResponse(String request, String problem) {
        return new SchemaRegistryException(Reason.BAD_RESPONSE, "the registry's answer to " + request
                + " is not what the Confluent API specifies: " + problem, 200, -1, "", null);
    }

    private static int intField(JsonNode answer, String field, String request) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw badResponse(request, "no integer '" + field + "' in " + abbreviate(answer.toString()));
        }
        return value.asInt();
    }

    private static Iterable<JsonNode> array(JsonNode answer, String request) {
        if (!answer.isArray()) {
            throw badResponse(request, "expected a JSON array, got " + abbreviate(answer.toString()));
        }
        return answer;
    }

    private static Schema schemaField(JsonNode answer, String request) {
        JsonNode type = answer.get("schemaType");
        if (type != null && type.isTextual() && !type.asText().equalsIgnoreCase("AVRO")) {
            throw new SchemaRegistryException(Reason.INVALID_REQUEST, "the schema of " + request + " is a "
                    + type.asText() + " schema, not Avro; this client reads Avro schemas only", 200, -1, "", null);
        }
        JsonNode references = answer.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new SchemaRegistryException(Reason.INVALID_REQUEST, "the schema of " + request + " uses schema"
                    + " references " + abbreviate(references.toString()) + ", which this client does not resolve;"
                    + " register self-contained schemas", 200, -1, "", null);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw badResponse(request, "no string 'schema' in " + abbreviate(answer.toString()));
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw badResponse(request, "the schema does not parse as Avro: " + e.getMessage());
        }
    }

    private static CompatibilityLevel level(JsonNode answer, String request) {
        JsonNode value = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (value == null || !value.isTextual()) {
            throw badResponse(request, "no compatibilityLevel in " + abbreviate(answer.toString()));
        }
        try {
            return CompatibilityLevel.parse(value.asText());
        } catch (SchemaRegistryException e) {
            throw badResponse(request, "unknown compatibility level '" + value.asText() + "'");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }

    private static SSLContext sslContext(RegistryConfig.Tls tls) {
        try {
            TrustManagerFactory trust = null;
            if (tls.truststore().isPresent()) {
                KeyStore store = load(tls.truststore().get(), tls.truststoreType(), tls.truststorePassword(),
                        RegistryConfig.TRUSTSTORE_LOCATION);
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (tls.keystore().isPresent()) {
                KeyStore store = load(tls.keystore().get(), tls.keystoreType(), tls.keystorePassword(),
                        RegistryConfig.KEYSTORE_LOCATION);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = tls.keyPassword().isEmpty() ? tls.keystorePassword() : tls.keyPassword();
                keys.init(store, keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw SchemaRegistryException.invalidConfig("cannot set up TLS for the schema registry: " + e.getMessage()
                    + "; check " + RegistryConfig.TRUSTSTORE_LOCATION + " / " + RegistryConfig.KEYSTORE_LOCATION
                    + ", their types and passwords", e);
        }
    }

    private static KeyStore load(Path file, String type, String password, String key) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        } catch (IOException e) {
            throw SchemaRegistryException.invalidConfig(key + " " + file + " cannot be read as a " + type
                    + " store (wrong password or type?): " + e.getMessage(), e);
        }
        return store;
    }
}
