package dev.batpak.kafka.registry;

import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.schemas.codec.MalformedRecordException.Reason;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.SingleObjectCodec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@link RecordCodec} for a batpak record that writes one framing and reads both: the schema
 * registry wire format when it has a registry, Avro single-object encoding when it has none; on
 * reading, either framing is accepted, so a topic written in either mode, or in both across a
 * migration, stays readable.
 *
 * <p>Reading registry-framed bytes fetches the writer schema by id (once; cached) and hands the body
 * to the same guarded single-object decoder that reads unregistered records, so decoding stays
 * total: any bytes give a record or a {@link MalformedRecordException} (an unknown schema id is
 * {@code UNKNOWN_SCHEMA}; a writer schema of another record, or one the current schema cannot read,
 * is {@code UNKNOWN_SCHEMA} or {@code INCOMPATIBLE}). The one deliberate exception: when the
 * registry cannot be reached, decoding throws {@link SchemaRegistryException}, because a valid
 * record must not be judged malformed during an outage; the caller retries later.
 *
 * <p>Encoding with a registry registers (or, with auto-registration off, looks up) the record's
 * schema under the subject on first use and caches the id; a refusal is a
 * {@link SchemaRegistryException}. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class FramedRecordCodec<T extends SpecificRecord> implements RecordCodec<T> {

    private static final long UNKNOWN_ID_RETRY_NANOS = 30_000_000_000L;

    private final Class<T> type;
    private final RecordCodec<T> local;
    private final long localFingerprint;
    private final String name;
    private final SchemaRegistry registry;
    private final String subject;
    private final boolean autoRegister;
    private final BoundedCache<Integer, Reader<T>> readers = new BoundedCache<>(256);
    private volatile int writerId = -1;

    /** How bytes with one schema id are read: with a codec, or refused (until a deadline, for unknown ids). */
    private sealed interface Reader<T> {
    }

    private record Accept<T>(RecordCodec<T> codec, long fingerprint) implements Reader<T> {
    }

    private record Refuse<T>(Reason reason, String detail, long retryAtNanos) implements Reader<T> {
    }

    private FramedRecordCodec(Class<T> type, RecordCodec<T> local, SchemaRegistry registry, String subject,
            boolean autoRegister) {
        this.type = Objects.requireNonNull(type, "type");
        this.local = Objects.requireNonNull(local, "local");
        this.localFingerprint = SchemaNormalization.parsingFingerprint64(local.schema());
        this.name = local.schema().getName();
        this.registry = registry;
        this.subject = subject;
        this.autoRegister = autoRegister;
    }

    /**
     * A codec without a registry: writes single-object encoding with {@code local}, reads it, and
     * refuses registry-framed bytes as {@code UNKNOWN_SCHEMA} with advice to configure a registry.
     *
     * @param local the single-object codec of {@code type} (e.g. {@code Codecs.PROPOSAL})
     */
    public static <T extends SpecificRecord> FramedRecordCodec<T> singleObject(Class<T> type, RecordCodec<T> local) {
        return new FramedRecordCodec<>(type, local, null, null, false);
    }

    /**
     * A codec that writes the schema registry wire format under {@code subject}.
     *
     * @param local the single-object codec of {@code type}, used for the body and for reading
     *     single-object bytes
     * @param autoRegister register the schema on first use (else it must already be registered)
     */
    public static <T extends SpecificRecord> FramedRecordCodec<T> registry(Class<T> type, RecordCodec<T> local,
            SchemaRegistry registry, String subject, boolean autoRegister) {
        return new FramedRecordCodec<>(type, local, Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(subject, "subject"), autoRegister);
    }

    @Override
    public Schema schema() {
        return local.schema();
    }

    /** The framing {@link #encode(SpecificRecord)} writes. */
    public Framing writes() {
        return registry == null ? Framing.SINGLE_OBJECT : Framing.CONFLUENT;
    }

    /** The subject the schema is registered under, when a registry is used. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The registry, when one is used. */
    public Optional<SchemaRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * The registry id of the schema this codec writes, registering it first when configured to.
     *
     * @throws IllegalStateException without a registry
     * @throws SchemaRegistryException when the registry refuses or cannot be reached
     */
    public int schemaId() {
        if (registry == null) {
            throw new IllegalStateException(name + " codec has no schema registry; it writes single-object encoding");
        }
        int id = writerId;
        if (id < 0) {
            id = autoRegister ? registry.register(subject, local.schema()) : registry.lookup(subject, local.schema()).id();
            readers.put(id, new Accept<>(local, localFingerprint));
            writerId = id;
        }
        return id;
    }

    @Override
    public byte[] encode(T record) {
        byte[] singleObject = local.encode(record);
        if (registry == null) {
            return singleObject;
        }
        int bodyLength = singleObject.length - Framing.SINGLE_OBJECT_HEADER_LENGTH;
        return ConfluentWireFormat.frame(schemaId(), singleObject, Framing.SINGLE_OBJECT_HEADER_LENGTH, bodyLength);
    }

    @Override
    public T decode(byte[] bytes) throws MalformedRecordException {
        return switch (Framing.detect(bytes)) {
            case SINGLE_OBJECT -> local.decode(bytes);
            case CONFLUENT -> decodeRegistryFramed(bytes);
            case UNKNOWN -> {
                if (bytes == null || bytes.length < 2) {
                    yield local.decode(bytes);
                }
                throw new MalformedRecordException(Reason.BAD_HEADER, name, String.format("%d bytes starting with %02X"
                        + " %02X: neither the schema registry wire format (00 and a 4-byte schema id) nor Avro"
                        + " single-object encoding (C3 01 and an 8-byte fingerprint)", bytes.length, bytes[0] & 0xff,
                        bytes[1] & 0xff));
            }
        };
    }

    private T decodeRegistryFramed(byte[] bytes) {
        int id = ConfluentWireFormat.schemaId(bytes);
        if (registry == null) {
            throw new MalformedRecordException(Reason.UNKNOWN_SCHEMA, name, "written in the schema registry wire format"
                    + " with schema id " + id + ", but no schema registry is configured here: set "
                    + RegistryConfig.URL + " to read it");
        }
        Reader<T> reader = readerFor(id);
        if (reader instanceof Refuse<T> refuse) {
            throw new MalformedRecordException(refuse.reason(), name, refuse.detail());
        }
        Accept<T> accept = (Accept<T>) reader;
        byte[] singleObject = AvroBodies.asSingleObject(bytes, ConfluentWireFormat.HEADER_LENGTH,
                bytes.length - ConfluentWireFormat.HEADER_LENGTH, accept.fingerprint());
        return accept.codec().decode(singleObject);
    }

    private Reader<T> readerFor(int id) {
        Reader<T> cached = readers.get(id);
        if (cached instanceof Accept<T>
                || cached instanceof Refuse<T> refuse && System.nanoTime() - refuse.retryAtNanos() < 0) {
            return cached;
        }
        Reader<T> reader = resolve(id);
        readers.put(id, reader);
        return reader;
    }

    private Reader<T> resolve(int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.reason() == SchemaRegistryException.Reason.NOT_FOUND
                    || e.reason() == SchemaRegistryException.Reason.INVALID_REQUEST) {
                return new Refuse<>(Reason.UNKNOWN_SCHEMA, "schema id " + id + " is not an Avro schema known to the"
                        + " registry at " + registry.describe() + " (" + e.registryMessage() + ")",
                        System.nanoTime() + UNKNOWN_ID_RETRY_NANOS);
            }
            throw e;
        }
        long fingerprint = SchemaNormalization.parsingFingerprint64(writer);
        if (fingerprint == localFingerprint) {
            return new Accept<>(local, fingerprint);
        }
        if (!writer.getFullName().equals(local.schema().getFullName())) {
            return new Refuse<>(Reason.UNKNOWN_SCHEMA, "schema id " + id + " is " + writer.getFullName() + ", not "
                    + local.schema().getFullName() + " (wrong topic or wrong deserializer?)", Long.MAX_VALUE);
        }
        try {
            return new Accept<>(SingleObjectCodec.of(type, List.of(writer)), fingerprint);
        } catch (IllegalArgumentException e) {
            return new Refuse<>(Reason.INCOMPATIBLE, "schema id " + id + " is a version of " + name
                    + " that the current schema cannot read: " + e.getMessage(), Long.MAX_VALUE);
        }
    }

    @Override
    public String toString() {
        return "FramedRecordCodec[" + local.schema().getFullName() + ", writes " + writes()
                + (subject == null ? "" : ", subject " + subject + " at " + registry.describe()) + "]";
    }
}
