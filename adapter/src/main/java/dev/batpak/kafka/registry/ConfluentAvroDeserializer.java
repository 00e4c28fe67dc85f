package dev.batpak.kafka.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A Kafka {@link Deserializer} for values in the schema registry wire format (see
 * {@link ConfluentWireFormat}): it reads the schema id, fetches the writer schema from the registry
 * (once per id) and decodes the Avro body, as Confluent's {@code KafkaAvroDeserializer} does.
 *
 * <p>Name it in configuration with {@value RegistryConfig#URL}; with {@value #SPECIFIC_AVRO_READER}
 * {@code =true} a value whose record has a generated class on the classpath is returned as that
 * class (resolved from the writer schema to the class's schema with Avro's rules), otherwise as a
 * {@link org.apache.avro.generic.GenericRecord} (or the primitive).
 *
 * <p>Errors: bytes that are not the wire format, an unknown schema id, or an undecodable body are a
 * {@link SerializationException} (Kafka wraps it in a {@code RecordDeserializationException} that
 * names the offset, so the consumer can skip it); a registry that cannot be reached is a
 * {@link SchemaRegistryException}. Thread-safe after configuration.
 */
public class ConfluentAvroDeserializer implements Deserializer<Object> {

    /** Whether to return generated classes when they are on the classpath (default false). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    private SchemaRegistry registry;
    private boolean ownsRegistry;
    private boolean specific;
    private ClassLoader classLoader = ConfluentAvroDeserializer.class.getClassLoader();
    private final BoundedCache<Integer, DatumReader<Object>> readers = new BoundedCache<>(1000);

    /** The constructor Kafka uses; {@link #configure(Map, boolean)} must follow. */
    public ConfluentAvroDeserializer() {
    }

    /** A deserializer over an existing registry client (which it does not close). */
    public ConfluentAvroDeserializer(SchemaRegistry registry, boolean specificReader) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.specific = specificReader;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistry.create(RegistryConfig.fromMap(configs));
            ownsRegistry = true;
        }
        Object flag = configs.get(SPECIFIC_AVRO_READER);
        if (flag != null) {
            String text = flag.toString().trim();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw SchemaRegistryException.invalidConfig(SPECIFIC_AVRO_READER + " must be true or false, got '"
                        + flag + "'");
            }
            specific = Boolean.parseBoolean(text);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            classLoader = context;
        }
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: Kafka calls configure(Map,"
                    + " boolean) when the class is named in configuration; call it yourself, or use the constructor"
                    + " that takes a registry");
        }
        if (!ConfluentWireFormat.isFramed(data)) {
            throw new SerializationException("cannot deserialize a value of topic " + topic + ": "
                    + (data.length < ConfluentWireFormat.HEADER_LENGTH ? data.length + " bytes, fewer than the 5-byte"
                            + " header" : String.format("first byte %02X", data[0] & 0xff))
                    + " is not the schema registry wire format (magic byte 00 + 4-byte schema id); was it written by a"
                    + " registry-aware serializer?");
        }
        int id = ConfluentWireFormat.schemaId(data);
        DatumReader<Object> reader = reader(id, topic);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH,
                data.length - ConfluentWireFormat.HEADER_LENGTH, null);
        try {
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("cannot deserialize a value of topic " + topic + " (schema id " + id
                        + "): bytes remain after the value ended; the body does not match its schema");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException serialization) {
                throw serialization;
            }
            throw new SerializationException("cannot deserialize a value of topic " + topic + " with schema id " + id
                    + ": the Avro body does not decode (" + e + ")", e);
        }
    }

    private DatumReader<Object> reader(int id, String topic) {
        DatumReader<Object> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.reason() == SchemaRegistryException.Reason.NOT_FOUND) {
                throw new SerializationException("cannot deserialize a value of topic " + topic + ": schema id " + id
                        + " is not known to the registry at " + registry.describe()
                        + " (written against another registry?)", e);
            }
            throw e;
        }
        GenericData model = GenericData.get();
        Schema readerSchema = writer;
        if (specific && writer.getType() == Schema.Type.RECORD) {
            Class<?> type = new SpecificData(classLoader).getClass(writer);
            if (type != null) {
                model = SpecificData.getForClass(type);
                readerSchema = ((SpecificData) model).getSchema(type);
            }
        }
        @SuppressWarnings("unchecked")
        DatumReader<Object> reader = (DatumReader<Object>) model.createDatumReader(writer, readerSchema);
        readers.put(id, reader);
        return reader;
    }

    @Override
    public void close() {
        if (ownsRegistry && registry != null) {
            registry.close();
        }
    }
}
