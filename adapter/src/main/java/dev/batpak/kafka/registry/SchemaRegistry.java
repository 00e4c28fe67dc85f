package dev.batpak.kafka.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The operations of the Confluent schema registry REST API that serializers and tools need: any
 * registry that speaks that API (Confluent, Apicurio's {@code /apis/ccompat/v7}, Karapace,
 * Redpanda) can stand behind it.
 *
 * <p>Implementations are thread-safe and cache what never changes (a schema id's schema, the id of
 * a schema already registered under a subject), so the serializers' hot path makes no request.
 * Every failure is a {@link SchemaRegistryException} that says what the registry answered.
 */
public interface SchemaRegistry extends AutoCloseable {

    /**
     * Registers {@code schema} under {@code subject} (a new version, or the existing one when the
     * same schema is already there) and returns its global id.
     *
     * @throws SchemaRegistryException {@code INCOMPATIBLE} when the subject's compatibility level
     *     refuses it, {@code INVALID_REQUEST} when the registry finds it invalid
     */
    int register(String subject, Schema schema);

    /**
     * Finds {@code schema} among the versions of {@code subject} without registering it.
     *
     * @throws SchemaRegistryException {@code NOT_FOUND} when the subject or the schema is not there
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /**
     * The schema with global id {@code id}.
     *
     * @throws SchemaRegistryException {@code NOT_FOUND} when no schema has that id
     */
    Schema schemaById(int id);

    /**
     * The latest version of {@code subject}.
     *
     * @throws SchemaRegistryException {@code NOT_FOUND} when the subject has no versions
     */
    RegisteredSchema latest(String subject);

    /**
     * Version {@code version} of {@code subject}.
     *
     * @throws SchemaRegistryException {@code NOT_FOUND} when there is no such version
     */
    RegisteredSchema version(String subject, int version);

    /** Every subject, in the registry's order. */
    List<String> subjects();

    /**
     * The versions of {@code subject}, ascending.
     *
     * @throws SchemaRegistryException {@code NOT_FOUND} when the subject does not exist
     */
    List<Integer> versions(String subject);

    /**
     * Whether the registry would accept {@code schema} as the next version of {@code subject} under
     * the subject's compatibility level. A subject with no versions accepts anything.
     */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** The compatibility level that applies to {@code subject}: its own, or else the global one. */
    CompatibilityLevel compatibility(String subject);

    /**
     * Sets the compatibility level of {@code subject} and returns the level the registry now
     * reports.
     */
    CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level);

    /** The global (default) compatibility level. */
    CompatibilityLevel globalCompatibility();

    /** Where this registry is, for messages: its URL(s), never credentials. */
    String describe();

    /** Releases what the client holds; the default holds nothing. */
    @Override
    default void close() {
    }

    /**
     * A client for {@code config}: an in-memory registry for {@code mock://<scope>} URLs (shared by
     * every client of the same scope in this JVM), else an HTTP client.
     */
    static SchemaRegistry create(RegistryConfig config) {
        URI first = config.urls().get(0);
        if ("mock".equalsIgnoreCase(first.getScheme())) {
            return InMemorySchemaRegistry.scope(first.getAuthority() != null ? first.getAuthority()
                    : first.getSchemeSpecificPart());
        }
        return SchemaRegistryClient.create(config);
    }

    /**
     * A client for the registry named in producer, consumer or store properties, or empty when
     * {@value RegistryConfig#URL} is not set.
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when the configuration is malformed
     */
    static Optional<SchemaRegistry> fromConfig(Map<String, ?> config) {
        return RegistryConfig.fromMapIfConfigured(config).map(SchemaRegistry::create);
    }
}
