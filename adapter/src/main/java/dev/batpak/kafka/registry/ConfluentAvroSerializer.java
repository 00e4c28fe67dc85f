package dev.batpak.kafka.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serializer} that writes Avro values in the schema registry wire format (see
 * {@link ConfluentWireFormat}), byte for byte as Confluent's {@code KafkaAvroSerializer} does.
 *
 * <p>Name it in configuration like any serializer ({@code value.serializer=}this class's name, plus
 * {@value RegistryConfig#URL} and the other keys of {@link RegistryConfig}); Kafka calls the no-arg
 * constructor and then {@link #configure(Map, boolean)}. Accepts generated ({@link SpecificRecord})
 * and generic records, enums and fixeds, and the Avro primitives (null is a tombstone). The subject
 * comes from {@value RegistryConfig#VALUE_SUBJECT_NAME_STRATEGY} (or the key strategy for keys);
 * with {@value RegistryConfig#AUTO_REGISTER}{@code =true} (the default) an unseen schema is
 * registered, otherwise it must already be registered under the subject.
 *
 * <p>Errors: a value Avro cannot write is a {@link SerializationException}; a registry that refuses
 * or cannot be reached is a {@link SchemaRegistryException} (typed, saying what the registry
 * answered), so that an outage is never mistaken for bad data. Thread-safe after configuration.
 */
public class ConfluentAvroSerializer implements Serializer<Object> {

    private SchemaRegistry registry;
    private boolean ownsRegistry;
    private boolean autoRegister = true;
    private SubjectNameStrategy strategy = SubjectNameStrategy.TOPIC_NAME;
    private boolean isKey;
    private final BoundedCache<WriterKey, DatumWriter<Object>> writers = new BoundedCache<>(1000);

    private record WriterKey(Schema schema, Class<?> specificClass) {
    }

    /** The constructor Kafka uses; {@link #configure(Map, boolean)} must follow. */
    public ConfluentAvroSerializer() {
    }

    /**
     * A serializer over an existing registry client (which it does not close), configured from
     * {@code config} for values.
     */
    public ConfluentAvroSerializer(SchemaRegistry registry, RegistryConfig config) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.autoRegister = config.autoRegister();
        this.strategy = config.valueSubjectStrategy();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryConfig config = RegistryConfig.fromMap(configs);
        if (registry == null) {
            registry = SchemaRegistry.create(config);
            ownsRegistry = true;
        }
        this.autoRegister = config.autoRegister();
        this.strategy = config.subjectStrategy(isKey);
        this.isKey = isKey;
    }

    /** The registry this serializer uses. */
    public SchemaRegistry registry() {
        requireConfigured();
        return registry;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        requireConfigured();
        Schema schema = schemaOf(data, topic);
        String subject = strategy.subject(topic, isKey, schema);
        int id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema).id();
        Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        byte[] header = new byte[ConfluentWireFormat.HEADER_LENGTH];
        ConfluentWireFormat.writeHeader(header, id);
        out.writeBytes(header);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer(schema, data).write(datum, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot serialize a " + schema.getFullName() + " for topic " + topic
                    + " (subject " + subject + ", schema id " + id + "): " + e, e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writer(Schema schema, Object data) {
        Class<?> specific = data instanceof SpecificRecord ? data.getClass() : null;
        return writers.computeIfAbsent(new WriterKey(schema, specific), key -> {
            GenericData model = key.specificClass() != null ? SpecificData.getForClass(key.specificClass()) : GenericData.get();
            @SuppressWarnings("unchecked")
            DatumWriter<Object> writer = (DatumWriter<Object>) model.createDatumWriter(key.schema());
            return writer;
        });
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type;
        if (data instanceof CharSequence) {
            type = Schema.Type.STRING;
        } else if (data instanceof Integer) {
            type = Schema.Type.INT;
        } else if (data instanceof Long) {
            type = Schema.Type.LONG;
        } else if (data instanceof Boolean) {
            type = Schema.Type.BOOLEAN;
        } else if (data instanceof Double) {
            type = Schema.Type.DOUBLE;
        } else if (data instanceof Float) {
            type = Schema.Type.FLOAT;
        } else if (data instanceof byte[] || data instanceof ByteBuffer) {
            type = Schema.Type.BYTES;
        } else {
            throw new SerializationException("cannot serialize a " + data.getClass().getName() + " for topic " + topic
                    + ": it is not an Avro record, enum, fixed or primitive; pass a generated (SpecificRecord) or"
                    + " GenericRecord value");
        }
        return Schema.create(type);
    }

    private void requireConfigured() {
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: Kafka calls configure(Map,"
                    + " boolean) when the class is named in configuration; call it yourself, or use the constructor"
                    + " that takes a registry");
        }
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
    }
}
