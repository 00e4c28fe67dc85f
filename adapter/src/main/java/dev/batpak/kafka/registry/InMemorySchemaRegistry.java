package dev.batpak.kafka.registry;

import dev.batpak.kafka.registry.SchemaRegistryException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A schema registry in memory with the Confluent registry's rules: one id space for the whole
 * registry (the same schema gets the same id in every subject), versions per subject from 1,
 * compatibility levels checked with Avro's own compatibility checker, and {@code BACKWARD} as the
 * default level.
 *
 * <p>For tests and for {@code schema.registry.url=mock://<scope>}: every client of the same scope
 * in this JVM shares one instance, so a serializer and a deserializer configured separately see the
 * same schemas. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String name;
    private final Map<Integer, Schema> byId = new HashMap<>();
    private final Map<String, Integer> idByText = new HashMap<>();
    private final Map<String, List<Integer>> versions = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int nextId = 1;

    private InMemorySchemaRegistry(String name) {
        this.name = name;
    }

    /** A new, empty registry of its own. */
    public static InMemorySchemaRegistry create() {
        return new InMemorySchemaRegistry("memory");
    }

    /** The registry of {@code mock://<scope>}, created on first use and shared within the JVM. */
    public static InMemorySchemaRegistry scope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistry("mock://" + s));
    }

    /** Forgets the registry of {@code mock://<scope>}, so that the next use starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    @Override
    public synchronized int register(String subject, Schema schema) {
        Objects.requireNonNull(subject, "subject");
        String text = schema.toString();
        List<Integer> ids = versions.getOrDefault(subject, List.of());
        Integer existing = idByText.get(text);
        if (existing != null && ids.contains(existing)) {
            return existing;
        }
        CompatibilityResult check = testCompatibility(subject, schema);
        if (!check.compatible()) {
            throw new SchemaRegistryException(Reason.INCOMPATIBLE, "cannot register a version of subject '" + subject
                    + "': " + name + " refused it as incompatible under " + compatibility(subject) + ": "
                    + check.messages(), 409, 409, String.join("; ", check.messages()), null);
        }
        int id = existing != null ? existing : nextId++;
        byId.put(id, schema);
        idByText.put(text, id);
        versions.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> ids = versions.get(subject);
        if (ids == null) {
            throw notFound(SchemaRegistryException.SUBJECT_NOT_FOUND, "subject '" + subject + "' does not exist");
        }
        Integer id = idByText.get(schema.toString());
        int index = id == null ? -1 : ids.indexOf(id);
        if (index < 0) {
            throw notFound(SchemaRegistryException.SCHEMA_NOT_FOUND, "the schema is not registered under subject '"
                    + subject + "'");
        }
        return new RegisteredSchema(subject, id, index + 1, byId.get(id));
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw notFound(SchemaRegistryException.SCHEMA_NOT_FOUND, "no schema has id " + id);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<Integer> ids = versions.get(subject);
        if (ids == null || ids.isEmpty()) {
            throw notFound(SchemaRegistryException.SUBJECT_NOT_FOUND, "subject '" + subject + "' does not exist");
        }
        return version(subject, ids.size());
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> ids = versions.get(subject);
        if (ids == null) {
            throw notFound(SchemaRegistryException.SUBJECT_NOT_FOUND, "subject '" + subject + "' does not exist");
        }
        if (version < 1 || version > ids.size()) {
            throw notFound(SchemaRegistryException.VERSION_NOT_FOUND, "subject '" + subject + "' has no version "
                    + version);
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, id, version, byId.get(id));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versions.keySet());
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        List<Integer> ids = versions.get(subject);
        if (ids == null) {
            throw notFound(SchemaRegistryException.SUBJECT_NOT_FOUND, "subject '" + subject + "' does not exist");
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
            numbers.add(i);
        }
        return List.copyOf(numbers);
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        List<Integer> ids = versions.getOrDefault(subject, List.of());
        if (ids.isEmpty()) {
            return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet"));
        }
        CompatibilityLevel level = compatibility(subject);
        List<Integer> against = switch (level) {
            case NONE -> List.of();
            case BACKWARD, FORWARD, FULL -> List.of(ids.get(ids.size() - 1));
            default -> ids;
        };
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema old = byId.get(id);
            boolean backward = level.name().startsWith("BACKWARD") || level.name().startsWith("FULL");
            boolean forward = level.name().startsWith("FORWARD") || level.name().startsWith("FULL");
            if (backward) {
                check(schema, old, "new schema cannot read data written with schema id " + id, problems);
            }
            if (forward) {
                check(old, schema, "schema id " + id + " cannot read data written with the new schema", problems);
            }
        }
        return new CompatibilityResult(problems.isEmpty(), problems);
    }

    private static void check(Schema reader, Schema writer, String what, List<String> problems) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader,
                writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(what + ": " + result.getResult().getIncompatibilities());
        }
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, Objects.requireNonNull(level, "level"));
        return level;
    }

    /** Sets the global (default) compatibility level. */
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = Objects.requireNonNull(level, "level");
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public String toString() {
        return "InMemorySchemaRegistry[" + name + "]";
    }

    private SchemaRegistryException notFound(int errorCode, String what) {
        return new SchemaRegistryException(Reason.NOT_FOUND, name + ": " + what, 404, errorCode, what, null);
    }
}
