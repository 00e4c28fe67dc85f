package dev.batpak.kafka.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A second hand-written Avro record, for several event types in one topic. */
public final class OrderShipped extends SpecificRecordBase {

    /** The schema; Avro reads it from this field. */
    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderShipped", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "orderId", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "carrier", "type": {"type": "string", "avro.java.string": "String"}, "default": "post"}
            ]}""");

    private String orderId;
    private String carrier;

    /** For Avro. */
    public OrderShipped() {
    }

    /** A value. */
    public OrderShipped(String orderId, String carrier) {
        this.orderId = orderId;
        this.carrier = carrier;
    }

    /** The schema. */
    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> orderId;
            case 1 -> carrier;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> orderId = value == null ? null : value.toString();
            case 1 -> carrier = value == null ? null : value.toString();
            default -> throw new IndexOutOfBoundsException(field);
        }
    }

    /** The order id. */
    public String orderId() {
        return orderId;
    }

    /** The carrier. */
    public String carrier() {
        return carrier;
    }
}
