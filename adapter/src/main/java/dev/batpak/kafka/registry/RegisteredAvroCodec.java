package dev.batpak.kafka.registry;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.payload.PayloadCodec;
import dev.batpak.kafka.payload.PayloadDecodeException;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.schemas.codec.SingleObjectCodec;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * A payload codec for a generated Avro class whose schema lives in a schema registry: encoding
 * registers the schema under the type's own subject (once) and returns
 * {@link Payload#avro(byte[], int)}, so the schema id travels with the event; decoding reads the
 * payload with the schema its id names, resolved to the current class with Avro's rules, so a
 * payload written by an older compatible schema (a field added with a default, without a version
 * bump) decodes correctly. A payload without an id is read with the current schema.
 *
 * <p>The payload bytes are the plain Avro binary body (no framing: the id is a separate field of
 * the event). Decoding is guarded like the record codecs (declared lengths are checked before Avro
 * allocates), and fails with {@link PayloadDecodeException} ({@code DECODE_FAILURE}); an
 * unreachable registry is a {@link SchemaRegistryException}. Thread-safe.
 *
 * @param <T> the generated class
 */
public final class RegisteredAvroCodec<T extends SpecificRecord> implements PayloadCodec<T> {

    private final Class<T> type;
    private final SingleObjectCodec<T> local;
    private final SchemaRegistry registry;
    private final String subject;
    private final boolean autoRegister;
    private final BoundedCache<Integer, Object> readers = new BoundedCache<>(256);
    private volatile int id = -1;

    private RegisteredAvroCodec(Class<T> type, SchemaRegistry registry, String subject, boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        this.local = SingleObjectCodec.of(type);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.autoRegister = autoRegister;
    }

    /**
     * A codec registering {@code type}'s schema under {@code subject}.
     *
     * @param autoRegister register on first use (else the schema must already be registered)
     */
    public static <T extends SpecificRecord> RegisteredAvroCodec<T> of(Class<T> type, SchemaRegistry registry,
            String subject, boolean autoRegister) {
        return new RegisteredAvroCodec<>(type, registry, subject, autoRegister);
    }

    /** The generated class. */
    public Class<T> type() {
        return type;
    }

    /** The current schema. */
    public Schema schema() {
        return local.schema();
    }

    /** The subject the schema is registered under. */
    public String subject() {
        return subject;
    }

    /** The registry. */
    public SchemaRegistry registry() {
        return registry;
    }

    /**
     * The id of the current schema, registering it first when configured to.
     *
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    public int schemaId() {
        int current = id;
        if (current < 0) {
            current = autoRegister ? registry.register(subject, local.schema())
                    : registry.lookup(subject, local.schema()).id();
            readers.put(current, new Reader<>(local, local.fingerprint()));
            id = current;
        }
        return current;
    }

    @Override
    public Payload encode(T value) {
        byte[] singleObject = local.encode(value);
        byte[] body = new byte[singleObject.length - Framing.SINGLE_OBJECT_HEADER_LENGTH];
        System.arraycopy(singleObject, Framing.SINGLE_OBJECT_HEADER_LENGTH, body, 0, body.length);
        return Payload.avro(body, schemaId());
    }

    @Override
    public T decode(Payload payload) {
        if (payload.encoding() != Payload.Encoding.AVRO) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "payload is "
                    + payload.encoding() + ", not AVRO, so it is not a " + type.getSimpleName(), null);
        }
        Reader<T> reader = payload.schemaId().isPresent() ? readerFor(payload.schemaId().getAsInt())
                : new Reader<>(local, local.fingerprint());
        try {
            return reader.codec().decode(AvroBodies.asSingleObject(payload.bytes(), 0, payload.size(),
                    reader.fingerprint()));
        } catch (MalformedRecordException e) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "payload is not a valid "
                    + type.getSimpleName() + (payload.schemaId().isPresent() ? " written with schema id "
                    + payload.schemaId().getAsInt() : "") + ": " + e.detail(), e);
        }
    }

    /** A guarded decoder for one writer schema, and that schema's fingerprint. */
    private record Reader<T extends SpecificRecord>(SingleObjectCodec<T> codec, long fingerprint) {
    }

    @SuppressWarnings("unchecked")
    private Reader<T> readerFor(int schemaId) {
        Object cached = readers.get(schemaId);
        if (cached == null) {
            cached = resolve(schemaId);
            readers.put(schemaId, cached);
        }
        if (cached instanceof String refusal) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, refusal, null);
        }
        return (Reader<T>) cached;
    }

    private Object resolve(int schemaId) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.reason() == SchemaRegistryException.Reason.NOT_FOUND) {
                throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "the payload's schema id "
                        + schemaId + " is not known to the registry at " + registry.describe(), e);
            }
            throw e;
        }
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        if (fingerprint == local.fingerprint()) {
            return new Reader<>(local, fingerprint);
        }
        try {
            return new Reader<>(SingleObjectCodec.of(type, List.of(writer)), fingerprint);
        } catch (IllegalArgumentException e) {
            return "the payload's schema id " + schemaId + " (" + writer.getFullName() + ") cannot be read as the"
                    + " current " + type.getSimpleName() + ": " + e.getMessage()
                    + "; a breaking change needs a new payload version and an upcaster";
        }
    }

    @Override
    public String toString() {
        return "RegisteredAvroCodec[" + type.getName() + ", subject " + subject + " at " + registry.describe() + "]";
    }
}
