package dev.batpak.kafka.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written Avro specific record for the registry tests (the adapter module does not generate
 * classes): version 3 of an order event, whose earlier versions are in {@link OrderSchemas}.
 */
public final class OrderPlaced extends SpecificRecordBase {

    /** The current (version 3) schema; Avro reads it from this field. */
    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "OrderPlaced", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "orderId", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "amountCents", "type": "long"},
              {"name": "currency", "type": {"type": "string", "avro.java.string": "String"}}
            ]}""");

    private String orderId;
    private long amountCents;
    private String currency;

    /** For Avro. */
    public OrderPlaced() {
    }

    /** A value. */
    public OrderPlaced(String orderId, long amountCents, String currency) {
        this.orderId = orderId;
        this.amountCents = amountCents;
        this.currency = currency;
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
            case 1 -> amountCents;
            case 2 -> currency;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> orderId = value == null ? null : value.toString();
            case 1 -> amountCents = (Long) value;
            case 2 -> currency = value == null ? null : value.toString();
            default -> throw new IndexOutOfBoundsException(field);
        }
    }

    /** The order id. */
    public String orderId() {
        return orderId;
    }

    /** The amount in cents. */
    public long amountCents() {
        return amountCents;
    }

    /** The currency code. */
    public String currency() {
        return currency;
    }
}
