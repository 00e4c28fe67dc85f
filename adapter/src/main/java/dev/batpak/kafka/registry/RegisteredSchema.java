package dev.batpak.kafka.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject, as the registry holds it.
 *
 * @param subject the subject
 * @param id the global schema id (what the wire format carries)
 * @param version the version within the subject, from 1
 * @param schema the schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    /** Validates. */
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
