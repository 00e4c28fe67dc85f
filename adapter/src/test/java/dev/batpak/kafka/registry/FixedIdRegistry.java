package dev.batpak.kafka.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** A registry stub that gives every schema the same id and remembers the subjects asked for. */
final class FixedIdRegistry implements SchemaRegistry {

    private final int id;
    private final List<String> subjects = new ArrayList<>();
    private volatile Schema schema;

    FixedIdRegistry(int id) {
        this.id = id;
    }

    List<String> subjectsAsked() {
        synchronized (subjects) {
            return List.copyOf(subjects);
        }
    }

    @Override
    public int register(String subject, Schema schema) {
        synchronized (subjects) {
            subjects.add(subject);
        }
        this.schema = schema;
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return new RegisteredSchema(subject, register(subject, schema), 1, schema);
    }

    @Override
    public Schema schemaById(int wanted) {
        if (wanted != id || schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.Reason.NOT_FOUND, "no schema " + wanted, 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND, "not found", null);
        }
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> subjects() {
        return subjectsAsked();
    }

    @Override
    public List<Integer> versions(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return new CompatibilityResult(true, List.of());
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        return CompatibilityLevel.NONE;
    }

    @Override
    public CompatibilityLevel setCompatibility(String subject, CompatibilityLevel level) {
        return level;
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.NONE;
    }

    @Override
    public String describe() {
        return "fixed-id-" + id;
    }
}
