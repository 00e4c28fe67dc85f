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

/**
 * The history of {@link OrderPlaced}: version 1 had {@code id} and a double {@code amount};
 * version 2 renamed {@code id} to {@code orderId}; version 3 (the class) stores cents and adds a
 * required {@code currency}. Each step is a change that needs a version bump and an upcaster.
 */
final class OrderSchemas {

    static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "id", "type": "string"},
              {"name": "amount", "type": "double"}
            ]}""");

    static final Schema V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "amount", "type": "double"}
            ]}""");

    /** Version 3 without the currency, plus an optional note: readable by the current class without a bump. */
    static final Schema V3_WITH_NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "orderId", "type": "string"},
              {"name": "amountCents", "type": "long"},
              {"name": "currency", "type": "string", "default": "EUR"},
              {"name": "note", "type": ["null", "string"], "default": null}
            ]}""");

    private OrderSchemas() {
    }

    static GenericRecord v1(String id, double amount) {
        GenericRecord record = new GenericData.Record(V1);
        record.put("id", id);
        record.put("amount", amount);
        return record;
    }

    /** Plain Avro binary of {@code record} with its own schema. */
    static byte[] avroBinary(GenericRecord record) {
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
}
