package dev.batpak.kafka.registry;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written Avro specific record used as a typed event payload in the integration tests,
 * at payload version 2: version 1 had {@code weight} in grams as an int; version 2 has
 * {@code weightKg} as a double (a breaking change, hence the bump and an upcaster).
 */
public final class ShipmentBooked extends SpecificRecordBase {

    /** The current (version 2) schema; Avro reads it from this field. */
    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "ShipmentBooked", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "shipmentId", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "weightKg", "type": "double"}
            ]}""");

    /** Version 1 of the payload. */
    static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "ShipmentBooked", "namespace": "dev.batpak.kafka.registry", "fields": [
              {"name": "shipmentId", "type": "string"},
              {"name": "weight", "type": "int"}
            ]}""");

    private String shipmentId;
    private double weightKg;

    /** For Avro. */
    public ShipmentBooked() {
    }

    /** A value. */
    public ShipmentBooked(String shipmentId, double weightKg) {
        this.shipmentId = shipmentId;
        this.weightKg = weightKg;
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
            case 0 -> shipmentId;
            case 1 -> weightKg;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> shipmentId = value == null ? null : value.toString();
            case 1 -> weightKg = (Double) value;
            default -> throw new IndexOutOfBoundsException(field);
        }
    }

    /** The shipment id. */
    public String shipmentId() {
        return shipmentId;
    }

    /** The weight in kilograms. */
    public double weightKg() {
        return weightKg;
    }
}
