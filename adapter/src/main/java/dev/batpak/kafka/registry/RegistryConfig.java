package dev.batpak.kafka.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach a schema registry and how serializers use it, read from the same configuration keys
 * Confluent's serializers read, so that one producer or consumer configuration serves both.
 *
 * <p>Keys read by {@link #fromMap(Map)}: {@value #URL} (required; comma-separated URLs are tried in
 * turn), {@value #BASIC_AUTH_CREDENTIALS_SOURCE} ({@code USER_INFO} or {@code URL}),
 * {@value #BASIC_AUTH_USER_INFO} (or {@value #REGISTRY_BASIC_AUTH_USER_INFO}),
 * {@value #TRUSTSTORE_LOCATION}, {@value #TRUSTSTORE_PASSWORD}, {@value #TRUSTSTORE_TYPE},
 * {@value #KEYSTORE_LOCATION}, {@value #KEYSTORE_PASSWORD}, {@value #KEY_PASSWORD},
 * {@value #KEYSTORE_TYPE}, {@value #AUTO_REGISTER}, {@value #VALUE_SUBJECT_NAME_STRATEGY},
 * {@value #KEY_SUBJECT_NAME_STRATEGY}, and batpak's {@value #REQUEST_TIMEOUT_MS},
 * {@value #RETRIES}, {@value #RETRY_BACKOFF_MS}, {@value #CACHE_CAPACITY}. Other keys are ignored
 * (a serializer is handed the whole producer configuration).
 *
 * @param urls the registry base URLs, e.g. {@code http://registry:8080/apis/ccompat/v7}, without
 *     credentials; {@code mock://<scope>} selects an in-memory registry shared within the JVM
 * @param userInfo {@code user:password} for HTTP basic authentication, when configured
 * @param tls trust and key stores for HTTPS, when configured (the JDK defaults otherwise)
 * @param autoRegister whether serializers register a schema they have not seen (default true)
 * @param valueSubjectStrategy subject naming for values (default {@code TopicNameStrategy})
 * @param keySubjectStrategy subject naming for keys (default {@code TopicNameStrategy})
 * @param requestTimeout the timeout of one HTTP request
 * @param maxRetries how many times a request is retried after no answer, 5xx or 429 (0 = once only)
 * @param retryBackoff the pause before the first retry; doubled for each further one
 * @param cacheCapacity how many schemas and ids the client keeps in memory
 */
public record RegistryConfig(List<URI> urls, Optional<String> userInfo, Optional<Tls> tls, boolean autoRegister,
        SubjectNameStrategy valueSubjectStrategy, SubjectNameStrategy keySubjectStrategy, Duration requestTimeout,
        int maxRetries, Duration retryBackoff, int cacheCapacity) {

    /** The registry URL(s), comma-separated. */
    public static final String URL = "schema.registry.url";
    /** Where the basic-auth credentials come from: {@code USER_INFO} (default) or {@code URL}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for basic authentication. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** The same, with the registry prefix newer Confluent clients also accept. */
    public static final String REGISTRY_BASIC_AUTH_USER_INFO = "schema.registry.basic.auth.user.info";
    /** Trust store file for HTTPS. */
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    /** Trust store password. */
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    /** Trust store type (default JKS; the JDK's JKS loader also reads PKCS12). */
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    /** Key store file for client-certificate authentication. */
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    /** Key store password. */
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    /** Password of the key in the key store (default: the key store password). */
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";
    /** Key store type (default JKS). */
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    /** Whether serializers register unseen schemas (default true). */
    public static final String AUTO_REGISTER = "auto.register.schemas";
    /** Subject naming for values. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** Subject naming for keys. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** Timeout of one HTTP request in milliseconds (default 10000). */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** Retries after no answer, HTTP 5xx or 429 (default 3). */
    public static final String RETRIES = "schema.registry.retries";
    /** Pause before the first retry in milliseconds, doubled each time (default 100). */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Schemas and ids kept in memory (default 1000). */
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    /** Default of {@link #requestTimeout()}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default of {@link #maxRetries()}. */
    public static final int DEFAULT_RETRIES = 3;
    /** Default of {@link #retryBackoff()}. */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
    /** Default of {@link #cacheCapacity()}. */
    public static final int DEFAULT_CACHE_CAPACITY = 1000;

    /**
     * Trust and key material for HTTPS. Passwords are kept as given and never printed.
     *
     * @param truststore the trust store file, when the registry's certificate is not trusted by the JDK
     * @param truststorePassword its password (may be empty)
     * @param truststoreType its type, e.g. {@code JKS} or {@code PKCS12}
     * @param keystore the key store file, for client-certificate authentication
     * @param keystorePassword its password (may be empty)
     * @param keyPassword the key's password (may be empty: then the key store password is used)
     * @param keystoreType its type
     */
    public record Tls(Optional<Path> truststore, String truststorePassword, String truststoreType,
            Optional<Path> keystore, String keystorePassword, String keyPassword, String keystoreType) {

        /** Validates: the files must exist. */
        public Tls {
            Objects.requireNonNull(truststore, "truststore");
            Objects.requireNonNull(keystore, "keystore");
            truststorePassword = Objects.requireNonNullElse(truststorePassword, "");
            keystorePassword = Objects.requireNonNullElse(keystorePassword, "");
            keyPassword = Objects.requireNonNullElse(keyPassword, "");
            truststoreType = blankTo(truststoreType, "JKS");
            keystoreType = blankTo(keystoreType, "JKS");
            truststore.ifPresent(p -> requireReadable(p, TRUSTSTORE_LOCATION));
            keystore.ifPresent(p -> requireReadable(p, KEYSTORE_LOCATION));
        }

        /** A trust store only: the common case of a registry with a private CA. */
        public static Tls trustStore(Path truststore, String password, String type) {
            return new Tls(Optional.of(truststore), password, type, Optional.empty(), "", "", "JKS");
        }

        @Override
        public String toString() {
            return "Tls[truststore=" + truststore.map(Path::toString).orElse("(JDK default)") + " (" + truststoreType
                    + "), keystore=" + keystore.map(Path::toString).orElse("(none)") + " (" + keystoreType
                    + "), passwords hidden]";
        }
    }

    /** Validates and copies. */
    public RegistryConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw SchemaRegistryException.invalidConfig("no schema registry URL given; set " + URL);
        }
        for (URI url : urls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("mock")) {
                throw SchemaRegistryException.invalidConfig(URL + " '" + url + "' must start with http://, https://"
                        + " or mock://");
            }
            if (url.getRawUserInfo() != null) {
                throw SchemaRegistryException.invalidConfig(URL + " for host " + url.getHost() + " still carries"
                        + " credentials; use fromMap (which moves them to userInfo) or pass userInfo");
            }
        }
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(valueSubjectStrategy, "valueSubjectStrategy");
        Objects.requireNonNull(keySubjectStrategy, "keySubjectStrategy");
        userInfo.ifPresent(info -> {
            if (info.indexOf(':') < 0) {
                throw SchemaRegistryException.invalidConfig(BASIC_AUTH_USER_INFO + " must be user:password");
            }
        });
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw SchemaRegistryException.invalidConfig(REQUEST_TIMEOUT_MS + " must be positive, got " + requestTimeout);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw SchemaRegistryException.invalidConfig(RETRIES + " must be 0..20, got " + maxRetries);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw SchemaRegistryException.invalidConfig(RETRY_BACKOFF_MS + " must be >= 0, got " + retryBackoff);
        }
        if (cacheCapacity < 1) {
            throw SchemaRegistryException.invalidConfig(CACHE_CAPACITY + " must be >= 1, got " + cacheCapacity);
        }
    }

    /**
     * A configuration with one URL and every default: no credentials, JDK trust, auto-register,
     * {@code TopicNameStrategy}.
     */
    public static RegistryConfig of(String url) {
        return fromMap(Map.of(URL, url));
    }

    /**
     * Reads the configuration from producer, consumer or store properties.
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when {@value #URL} is missing or any
     *     value is malformed, naming the key
     */
    public static RegistryConfig fromMap(Map<String, ?> config) {
        return fromMapIfConfigured(config).orElseThrow(() -> SchemaRegistryException.invalidConfig(
                "no schema registry URL configured; set " + URL + " (for example http://localhost:8081 or"
                        + " http://host:8080/apis/ccompat/v7 for Apicurio)"));
    }

    /**
     * Reads the configuration, or returns empty when {@value #URL} is not set (no registry: records
     * use Avro single-object encoding).
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when a value is malformed
     */
    public static Optional<RegistryConfig> fromMapIfConfigured(Map<String, ?> config) {
        Objects.requireNonNull(config, "config");
        String urlText = string(config, URL);
        if (urlText == null || urlText.isBlank()) {
            return Optional.empty();
        }
        List<URI> urls = new ArrayList<>();
        String urlUserInfo = null;
        for (String part : urlText.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            URI uri = parseUrl(part.trim());
            if (uri.getRawUserInfo() != null) {
                urlUserInfo = uri.getUserInfo();
            }
            urls.add(withoutUserInfo(uri));
        }
        String source = string(config, BASIC_AUTH_CREDENTIALS_SOURCE);
        String userInfo = firstNonBlank(string(config, BASIC_AUTH_USER_INFO), string(config, REGISTRY_BASIC_AUTH_USER_INFO));
        Optional<String> credentials;
        if (source == null || source.isBlank()) {
            credentials = Optional.ofNullable(userInfo != null ? userInfo : urlUserInfo);
        } else {
            switch (source.trim().toUpperCase(Locale.ROOT)) {
                case "USER_INFO" -> {
                    if (userInfo == null) {
                        throw SchemaRegistryException.invalidConfig(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs "
                                + BASIC_AUTH_USER_INFO + "=user:password");
                    }
                    credentials = Optional.of(userInfo);
                }
                case "URL" -> {
                    if (urlUserInfo == null) {
                        throw SchemaRegistryException.invalidConfig(BASIC_AUTH_CREDENTIALS_SOURCE + "=URL needs"
                                + " credentials in " + URL + " (http://user:password@host:port)");
                    }
                    credentials = Optional.of(urlUserInfo);
                }
                default -> throw SchemaRegistryException.invalidConfig(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
                        + " is not supported; use USER_INFO or URL");
            }
        }
        Optional<Tls> tls = Optional.empty();
        String truststore = string(config, TRUSTSTORE_LOCATION);
        String keystore = string(config, KEYSTORE_LOCATION);
        if (nonBlank(truststore) || nonBlank(keystore)) {
            tls = Optional.of(new Tls(optionalPath(truststore), string(config, TRUSTSTORE_PASSWORD),
                    string(config, TRUSTSTORE_TYPE), optionalPath(keystore), string(config, KEYSTORE_PASSWORD),
                    string(config, KEY_PASSWORD), string(config, KEYSTORE_TYPE)));
        }
        return Optional.of(new RegistryConfig(urls, credentials, tls,
                bool(config, AUTO_REGISTER, true),
                strategy(config, VALUE_SUBJECT_NAME_STRATEGY),
                strategy(config, KEY_SUBJECT_NAME_STRATEGY),
                Duration.ofMillis(number(config, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT.toMillis())),
                (int) number(config, RETRIES, DEFAULT_RETRIES),
                Duration.ofMillis(number(config, RETRY_BACKOFF_MS, DEFAULT_RETRY_BACKOFF.toMillis())),
                (int) number(config, CACHE_CAPACITY, DEFAULT_CACHE_CAPACITY)));
    }

    /** A copy with another auto-register setting. */
    public RegistryConfig withAutoRegister(boolean value) {
        return new RegistryConfig(urls, userInfo, tls, value, valueSubjectStrategy, keySubjectStrategy, requestTimeout,
                maxRetries, retryBackoff, cacheCapacity);
    }

    /** A copy with another value subject strategy. */
    public RegistryConfig withValueSubjectStrategy(SubjectNameStrategy value) {
        return new RegistryConfig(urls, userInfo, tls, autoRegister, value, keySubjectStrategy, requestTimeout,
                maxRetries, retryBackoff, cacheCapacity);
    }

    /** A copy with other retry settings. */
    public RegistryConfig withRetries(int retries, Duration backoff) {
        return new RegistryConfig(urls, userInfo, tls, autoRegister, valueSubjectStrategy, keySubjectStrategy,
                requestTimeout, retries, backoff, cacheCapacity);
    }

    /** The subject strategy for keys or values. */
    public SubjectNameStrategy subjectStrategy(boolean isKey) {
        return isKey ? keySubjectStrategy : valueSubjectStrategy;
    }

    /** The URLs for messages: never with credentials. */
    public String describeUrls() {
        return urls.size() == 1 ? urls.get(0).toString() : urls.toString();
    }

    @Override
    public String toString() {
        return "RegistryConfig[urls=" + urls + ", basicAuth=" + (userInfo.isPresent() ? "(set)" : "(none)") + ", tls="
                + tls.map(Tls::toString).orElse("(JDK default)") + ", autoRegister=" + autoRegister
                + ", valueSubjectStrategy=" + valueSubjectStrategy + ", keySubjectStrategy=" + keySubjectStrategy
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
                + ", cacheCapacity=" + cacheCapacity + "]";
    }

    private static URI parseUrl(String text) {
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getHost() == null && !"mock".equalsIgnoreCase(uri.getScheme())) {
                throw SchemaRegistryException.invalidConfig(URL + " '" + redact(text) + "' is not an absolute URL"
                        + " such as http://localhost:8081");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw SchemaRegistryException.invalidConfig(URL + " '" + redact(text) + "' is not a URL: " + e.getReason(), e);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw SchemaRegistryException.invalidConfig(URL + " for host " + uri.getHost() + " cannot be rebuilt"
                    + " without its credentials: " + e.getReason(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static String string(Map<String, ?> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        return value.toString();
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String firstNonBlank(String a, String b) {
        return nonBlank(a) ? a : nonBlank(b) ? b : null;
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Optional<Path> optionalPath(String value) {
        return nonBlank(value) ? Optional.of(Path.of(value.trim())) : Optional.empty();
    }

    private static void requireReadable(Path path, String key) {
        if (!Files.isReadable(path)) {
            throw SchemaRegistryException.invalidConfig(key + " " + path + " does not exist or cannot be read");
        }
    }

    private static boolean bool(Map<String, ?> config, String key, boolean fallback) {
        String value = string(config, key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw SchemaRegistryException.invalidConfig(key + " must be true or false, got '" + value + "'");
        };
    }

    private static long number(Map<String, ?> config, String key, long fallback) {
        String value = string(config, key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.invalidConfig(key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static SubjectNameStrategy strategy(Map<String, ?> config, String key) {
        String value = string(config, key);
        return value == null || value.isBlank() ? SubjectNameStrategy.TOPIC_NAME : SubjectNameStrategy.parse(value);
    }
}
