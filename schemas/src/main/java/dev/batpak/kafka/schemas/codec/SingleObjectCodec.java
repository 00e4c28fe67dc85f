package dev.batpak.kafka.schemas.codec;

import dev.batpak.kafka.schemas.codec.MalformedRecordException.Reason;
import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding of a generated record: {@code C3 01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema's parsing canonical form, then the Avro binary body.
 *
 * <p>Used when no schema registry is configured (the embedded default): every value names its
 * writer schema by fingerprint, so a reader needs no registry. The fingerprints this codec accepts
 * are the current schema's and those of the older writer schemas it was given; each older one must
 * be readable by the current schema (checked at construction), and its values are resolved into the
 * current class with Avro's schema resolution.
 *
 * <p>Decoding is total (see {@link RecordCodec}): the header is checked here, the body is walked
 * against the writer schema before Avro sees it (so declared lengths cannot make Avro over-allocate),
 * and anything Avro still refuses becomes a {@link MalformedRecordException}. Thread-safe.
 *
 * <p>Speed: values of the current schema are read straight from the byte array
 * ({@link DecoderFactory#binaryDecoder(byte[], int, int, BinaryDecoder)}) by a
 * {@link SpecificDatumReader} that uses the generated classes' own {@code customDecode} (no
 * reflection per fixed, no boxing per long), and written by their {@code customEncode}; the
 * binary decoder and the output buffer are reused per thread. The bytes are exactly Avro's
 * single-object encoding either way. Values of older writer schemas take Avro's resolving
 * {@link BinaryMessageDecoder}.
 *
 * @param <T> the generated record class
 */
public final class SingleObjectCodec<T extends SpecificRecord> implements RecordCodec<T> {

    /** Length of the single-object header: 2 marker bytes and an 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    private final Schema schema;
    private final String name;
    private final long fingerprint;
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final BinaryMessageDecoder<T> olderDecoder;
    private final EncodabilityCheck encodability;
    private final Map<Long, BinaryGuard> writers;
    /** The current schema's guard, also in {@link #writers}: the common case without boxing the fingerprint. */
    private final BinaryGuard currentGuard;

    private SingleObjectCodec(Class<T> type, Collection<Schema> olderWriterSchemas) {
        this.type = Objects.requireNonNull(type, "type");
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.name = schema.getName();
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        this.header = headerFor(fingerprint);
        SpecificData coders = customCoders(type);
        this.writer = new SpecificDatumWriter<>(schema, coders);
        this.reader = new SpecificDatumReader<>(schema, schema, coders);
        this.olderDecoder = new BinaryMessageDecoder<>(model, schema);
        this.encodability = new EncodabilityCheck(model, name);
        Map<Long, BinaryGuard> known = new HashMap<>();
        this.currentGuard = BinaryGuard.compile(schema);
        known.put(fingerprint, currentGuard);
        for (Schema older : olderWriterSchemas) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, older);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException("the current " + name + " schema cannot read the older writer schema "
                        + older.getFullName() + ": " + compatibility.getResult().getIncompatibilities()
                        + "; only pass released versions the current schema can read");
            }
            known.put(SchemaNormalization.parsingFingerprint64(older), BinaryGuard.compile(older));
            olderDecoder.addSchema(older);
        }
        this.writers = Map.copyOf(known);
    }

    /**
     * A model of its own (never the generated classes' shared {@code MODEL$}) with the generated
     * custom coders on and Avro's fast reader off: the fast reader builds its own readers and would
     * bypass {@code customDecode}.
     */
    private static SpecificData customCoders(Class<?> type) {
        SpecificData coders = new SpecificData(type.getClassLoader());
        coders.setCustomCoders(true);
        coders.setFastReaderEnabled(false);
        return coders;
    }

    private static byte[] headerFor(long fingerprint) {
        byte[] header = new byte[HEADER_LENGTH];
        header[0] = MARKER_0;
        header[1] = MARKER_1;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** A codec that reads and writes the current schema of {@code type} only. */
    public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type) {
        return new SingleObjectCodec<>(type, List.of());
    }

    /**
     * A codec that writes the current schema of {@code type} and also reads values written with
     * {@code olderWriterSchemas} (released earlier versions of the same record).
     *
     * @throws IllegalArgumentException if the current schema cannot read one of them
     */
    public static <T extends SpecificRecord> SingleObjectCodec<T> of(Class<T> type, Collection<Schema> olderWriterSchemas) {
        return new SingleObjectCodec<>(type, List.copyOf(olderWriterSchemas));
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /** The generated class this codec produces. */
    public Class<T> type() {
        return type;
    }

    /** The fingerprint this codec writes in every header. */
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public byte[] encode(T record) {
        if (record == null) {
            throw new RecordEncodingException(name, name, "is null; encode a record, or send a Kafka tombstone explicitly", null);
        }
        if (!type.isInstance(record)) {
            throw new RecordEncodingException(name, name, "must be a " + type.getName() + ", got "
                    + record.getClass().getName(), null);
        }
        encodability.check(schema, record);
        Buffers buffers = BUFFERS.get();
        try {
            buffers.out.reset();
            buffers.out.write(header, 0, HEADER_LENGTH);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffers.out, buffers.encoder);
            buffers.encoder = encoder;
            writer.write(record, encoder);
            encoder.flush();
            byte[] bytes = buffers.out.toByteArray();
            if (bytes.length > Buffers.MAX_KEPT) {
                buffers.out = new ByteArrayOutputStream(Buffers.INITIAL);
            }
            return bytes;
        } catch (Exception e) {
            buffers.encoder = null;
            throw new RecordEncodingException(name, name, "was refused by Avro: " + e, e);
        }
    }

    @Override
    public T decode(byte[] bytes) throws MalformedRecordException {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedRecordException(Reason.EMPTY, name, bytes == null ? "no bytes (null)" : "zero bytes");
        }
        if (bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new MalformedRecordException(Reason.BAD_HEADER, name, bytes.length < HEADER_LENGTH
                    ? bytes.length + " bytes, shorter than the " + HEADER_LENGTH + "-byte single-object header"
                    : "starts with " + hex(bytes[0]) + " " + hex(bytes[1]) + ", not the single-object marker C3 01");
        }
        long writerFingerprint = fingerprintAt(bytes);
        BinaryGuard guard = writerFingerprint == fingerprint ? currentGuard : writers.get(writerFingerprint);
        if (guard == null) {
            throw new MalformedRecordException(Reason.UNKNOWN_SCHEMA, name, unknownFingerprint(writerFingerprint));
        }
        guard.check(bytes, HEADER_LENGTH, bytes.length, name);
        try {
            if (writerFingerprint != fingerprint) {
                return olderDecoder.decode(bytes);
            }
            Buffers buffers = BUFFERS.get();
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH,
                    buffers.decoder);
            buffers.decoder = in;
            return reader.read(null, in);
        } catch (AvroTypeException e) {
            Reason reason = writerFingerprint == fingerprint ? Reason.UNDECODABLE : Reason.INCOMPATIBLE;
            throw new MalformedRecordException(reason, name, "Avro could not resolve the value: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new MalformedRecordException(Reason.UNDECODABLE, name, "Avro refused the value: " + e, e);
        }
    }

    /**
     * Per-thread reusable encoding and decoding state: codecs are shared across threads, Avro's
     * binary decoder and encoder are not. Shared by every codec of a thread: a call uses them start
     * to finish and never re-enters another codec in between.
     */
    private static final class Buffers {
        /** Above this, a thread's output buffer is dropped after use, so one large value is not kept. */
        static final int MAX_KEPT = 64 * 1024;
        static final int INITIAL = 512;
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL);
        BinaryEncoder encoder;
        BinaryDecoder decoder;
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private String unknownFingerprint(long writerFingerprint) {
        String hex = String.format("%016x", writerFingerprint);
        return SchemaCatalog.byFingerprint(writerFingerprint)
                .map(other -> "fingerprint " + hex + " is " + other.recordName() + " v" + other.version()
                        + ", not " + name + " (wrong topic or wrong deserializer?)")
                .orElse("fingerprint " + hex + " is no known version of " + name);
    }

    /** The fingerprint is little-endian in single-object encoding. */
    private static long fingerprintAt(byte[] bytes) {
        long value = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            value = (value << 8) | (bytes[i] & 0xffL);
        }
        return value;
    }

    private static String hex(byte b) {
        return String.format("%02X", b & 0xff);
    }

    @Override
    public String toString() {
        return "SingleObjectCodec[" + schema.getFullName() + ", fingerprint " + String.format("%016x", fingerprint) + "]";
    }
}
