package dev.batpak.kafka.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Schemas and plain Avro helpers for the integration tests. */
final class Avro {

    /** Two event types that share one topic. */
    static final Schema ORDER_PLACED = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "com.example.shop", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "amountCents", "type": "long"}
            ]}""");

    static final Schema ORDER_SHIPPED = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderShipped", "namespace": "com.example.shop", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "carrier", "type": "string"}
            ]}""");

    private Avro() {
    }

    static GenericRecord record(Schema schema, Object... fieldValues) {
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < fieldValues.length; i += 2) {
            record.put((String) fieldValues[i], fieldValues[i + 1]);
        }
        return record;
    }

    /** Plain Avro binary of {@code record} with its own schema. */
    static byte[] binary(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A schema like {@code schema} plus one field; {@code withDefault} decides whether old data stays readable. */
    static Schema withField(Schema schema, String name, boolean withDefault) {
        String json = schema.toString();
        String field = "{\"name\":\"" + name + "\",\"type\":\"string\"" + (withDefault ? ",\"default\":\"\"" : "") + "}";
        return new Schema.Parser().parse(json.substring(0, json.lastIndexOf(']')) + "," + field + "]}");
    }
}
