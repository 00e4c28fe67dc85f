package dev.batpak.kafka.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * How a schema's subject is named: the three strategies of the Confluent serializers, with the same
 * results, so that our records and theirs land in the same subjects.
 *
 * <p>{@link #TOPIC_NAME} (the Confluent default) allows one record type per topic and checks its
 * evolution; {@link #TOPIC_RECORD_NAME} allows several record types in one topic, each evolving on
 * its own, which is the event-sourcing case; {@link #RECORD_NAME} shares one subject per record
 * type across all topics.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-value} (or {@code <topic>-key}). */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name, e.g. {@code com.acme.OrderPlaced}. */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}, e.g. {@code orders-com.acme.OrderPlaced}. */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String confluentClassName;

    SubjectNameStrategy(String confluentClassName) {
        this.confluentClassName = confluentClassName;
    }

    /** The class name Confluent's serializers use for this strategy (accepted by {@link #parse(String)}). */
    public String confluentClassName() {
        return confluentClassName;
    }

    /**
     * The subject of a Kafka key or value.
     *
     * @param topic the topic written to
     * @param isKey true for the record key
     * @param schema the writer schema
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when a record-name strategy meets a
     *     schema without a name (a primitive)
     */
    public String subject(String topic, boolean isKey, Schema schema) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(schema, "schema");
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> recordName(schema);
            case TOPIC_RECORD_NAME -> topic + "-" + recordName(schema);
        };
    }

    /**
     * The subject of a schema that travels inside the values of {@code topic} rather than as the
     * value itself: an event payload, a denial trace, a commit receipt. Under {@link #TOPIC_NAME}
     * the topic's subject belongs to the value's own record, so these use the record name;
     * the other strategies apply as for a value.
     */
    public String embeddedSubject(String topic, Schema schema) {
        return this == TOPIC_NAME ? recordName(schema) : subject(topic, false, schema);
    }

    private String recordName(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> throw SchemaRegistryException.invalidConfig("the " + this + " subject strategy needs a named"
                    + " schema (record, enum or fixed), got a " + schema.getType() + "; use TopicNameStrategy for"
                    + " primitive values");
        };
    }

    /**
     * Reads a strategy from configuration: the enum name ({@code TOPIC_RECORD_NAME}), the short
     * name with or without the suffix ({@code TopicRecordName}, {@code TopicRecordNameStrategy}),
     * or a Confluent class name ({@code io.confluent.kafka.serializers.subject.TopicRecordNameStrategy}).
     * Matching ignores case.
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) listing the accepted names
     */
    public static SubjectNameStrategy parse(String value) {
        if (value == null || value.isBlank()) {
            throw SchemaRegistryException.invalidConfig("no subject name strategy given; use one of " + accepted());
        }
        String trimmed = value.trim();
        String simple = trimmed.substring(trimmed.lastIndexOf('.') + 1).replace("_", "").toLowerCase(Locale.ROOT);
        if (simple.endsWith("strategy")) {
            simple = simple.substring(0, simple.length() - "strategy".length());
        }
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.name().replace("_", "").toLowerCase(Locale.ROOT).equals(simple)) {
                return strategy;
            }
        }
        throw SchemaRegistryException.invalidConfig("unknown subject name strategy '" + value + "'; use one of "
                + accepted());
    }

    private static String accepted() {
        return Arrays.stream(values()).map(s -> s.confluentClassName.substring(s.confluentClassName.lastIndexOf('.') + 1))
                .collect(Collectors.joining(", ")) + " (or their full Confluent class names)";
    }
}
