package dev.batpak.kafka.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One step of a payload's evolution: turns a payload of version {@code fromVersion} into one of
 * version {@code fromVersion + 1}, over a dynamic value (a {@link GenericRecord} for Avro types, a
 * Jackson tree for JSON types), batpak's {@code Upcast}. Stored bytes are never rewritten: a reader
 * of version {@code c} decodes an event of version {@code v < c} by running the steps
 * {@code v -> v+1 -> ... -> c} and then reading the result as the current type.
 *
 * <p>A step must be a pure function of its input. Register the chain with
 * {@link EventTypeRegistry.Builder#register(EventType, Upcaster...)}: a missing step is refused
 * there, when the application starts, not when an old event is read.
 */
public sealed interface Upcaster permits Upcaster.Avro, Upcaster.Json {

    /** The version this step reads; it produces {@code fromVersion() + 1}. */
    int fromVersion();

    /**
     * An Avro step whose input is decoded with the writer schema named by the payload's registry
     * schema id (the registry must be given to the {@link EventTypeRegistry}).
     */
    static Upcaster avro(int fromVersion, UnaryOperator<GenericRecord> step) {
        return new Avro(fromVersion, Optional.empty(), step);
    }

    /**
     * An Avro step with the schema of version {@code fromVersion}: used to decode payloads that carry
     * no registry schema id, and as the reader schema (so the step sees the fields it expects) when
     * they do.
     */
    static Upcaster avro(int fromVersion, Schema fromSchema, UnaryOperator<GenericRecord> step) {
        return new Avro(fromVersion, Optional.of(fromSchema), step);
    }

    /** A JSON step over a Jackson tree (it may change the tree in place and return it). */
    static Upcaster json(int fromVersion, UnaryOperator<JsonNode> step) {
        return new Json(fromVersion, step);
    }

    /**
     * An Avro step. The returned record's schema is the step's output shape: the last step's output
     * is read into the current class with Avro's resolution rules (matching field names, defaults
     * for missing fields).
     *
     * @param fromVersion the version read
     * @param fromSchema the schema of that version, when known locally
     * @param step the transformation
     */
    record Avro(int fromVersion, Optional<Schema> fromSchema, UnaryOperator<GenericRecord> step) implements Upcaster {

        /** Validates. */
        public Avro {
            requireVersion(fromVersion);
            Objects.requireNonNull(fromSchema, "fromSchema");
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * A JSON step.
     *
     * @param fromVersion the version read
     * @param step the transformation
     */
    record Json(int fromVersion, UnaryOperator<JsonNode> step) implements Upcaster {

        /** Validates. */
        public Json {
            requireVersion(fromVersion);
            Objects.requireNonNull(step, "step");
        }
    }

    private static void requireVersion(int fromVersion) {
        if (fromVersion < 1 || fromVersion >= 0xFFFF) {
            throw new IllegalArgumentException("an upcaster reads a payload version 1..65534, got " + fromVersion);
        }
    }
}
