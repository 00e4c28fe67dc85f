package dev.batpak.kafka.payload;

import dev.batpak.kafka.append.Payload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro binary payloads for generated ({@link SpecificRecord}) classes. Without a registry the
 * payload carries no schema id: readers decode with the class's own schema, and the event's
 * payload version says which version of it wrote the bytes.
 *
 * @param <T> the generated class
 */
public final class AvroCodec<T extends SpecificRecord> implements PayloadCodec<T> {

    private final Class<T> type;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    private AvroCodec(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema);
        this.reader = new SpecificDatumReader<>(schema);
    }

    /** A codec for the generated class {@code type}. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    @Override
    public Payload encode(T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            synchronized (writer) {
                writer.write(value, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName() + " as Avro", e);
        }
        return Payload.avro(out.toByteArray());
    }

    @Override
    public T decode(Payload payload) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload.bytes(), null);
        try {
            synchronized (reader) {
                return reader.read(null, decoder);
            }
        } catch (IOException | RuntimeException e) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE,
                    "payload is not an Avro " + type.getSimpleName() + ": " + e, e);
        }
    }
}
