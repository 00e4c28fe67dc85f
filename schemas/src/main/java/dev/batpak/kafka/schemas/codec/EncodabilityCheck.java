package dev.batpak.kafka.schemas.codec;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks, before Avro writes anything, that a record would survive a round trip exactly, and names
 * the offending field when it would not.
 *
 * <p>Avro itself reports a null required field as a bare {@link NullPointerException}, truncates an
 * oversized fixed silently, and turns an unpaired surrogate into {@code ?}; this check turns each of
 * those into a {@link RecordEncodingException} with a path such as {@code Proposal.causes[2]}.
 */
final class EncodabilityCheck {

    private final GenericData model;
    private final String rootName;

    EncodabilityCheck(GenericData model, String rootName) {
        this.model = model;
        this.rootName = rootName;
    }

    /** Throws {@link RecordEncodingException} unless {@code datum} is a faithful value of {@code schema}. */
    void check(Schema schema, Object datum) {
        check(schema, datum, rootName);
    }

    private void check(Schema schema, Object datum, String path) {
        switch (schema.getType()) {
            case NULL:
                require(datum == null, path, "must be null, got " + describe(datum));
                return;
            case BOOLEAN:
                require(datum instanceof Boolean, path, "must be a boolean, got " + describe(datum));
                return;
            case INT:
                require(datum instanceof Integer, path, "must be an int, got " + describe(datum));
                return;
            case LONG:
                require(datum instanceof Long, path, "must be a long, got " + describe(datum));
                return;
            case FLOAT:
                require(datum instanceof Float, path, "must be a float, got " + describe(datum));
                return;
            case DOUBLE:
                require(datum instanceof Double, path, "must be a double, got " + describe(datum));
                return;
            case BYTES:
                require(datum instanceof ByteBuffer, path, "must be bytes (a ByteBuffer), got " + describe(datum));
                return;
            case STRING:
                require(datum instanceof CharSequence, path, "must be a string, got " + describe(datum));
                int bad = firstUnpairedSurrogate((CharSequence) datum);
                require(bad < 0, path, "holds an unpaired UTF-16 surrogate at char " + bad
                        + ", which UTF-8 cannot carry");
                return;
            case FIXED:
                require(datum instanceof GenericFixed, path, "must be a fixed " + schema.getName() + ", got "
                        + describe(datum));
                byte[] bytes = ((GenericFixed) datum).bytes();
                require(bytes != null && bytes.length == schema.getFixedSize(), path, "must be "
                        + schema.getFixedSize() + " bytes (" + schema.getName() + "), got "
                        + (bytes == null ? "none" : bytes.length + " bytes"));
                return;
            case ENUM:
                require(datum instanceof GenericEnumSymbol || datum instanceof Enum, path,
                        "must be a symbol of " + schema.getName() + ", got " + describe(datum));
                require(schema.hasEnumSymbol(datum.toString()), path, "symbol " + datum
                        + " is not one of " + schema.getEnumSymbols());
                return;
            case ARRAY: {
                require(datum instanceof Collection, path, "must be an array, got " + describe(datum));
                int i = 0;
                for (Object item : (Collection<?>) datum) {
                    check(schema.getElementType(), item, path + "[" + i++ + "]");
                }
                return;
            }
            case MAP:
                require(datum instanceof Map, path, "must be a map, got " + describe(datum));
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    require(e.getKey() instanceof CharSequence, path, "has a key that is not a string: "
                            + describe(e.getKey()));
                    require(firstUnpairedSurrogate((CharSequence) e.getKey()) < 0, path,
                            "has a key with an unpaired UTF-16 surrogate, which UTF-8 cannot carry");
                    check(schema.getValueType(), e.getValue(), path + "{" + e.getKey() + "}");
                }
                return;
            case UNION: {
                int branch;
                try {
                    branch = model.resolveUnion(schema, datum);
                } catch (UnresolvedUnionException e) {
                    throw new RecordEncodingException(rootName, path, "matches no branch of the union "
                            + branchNames(schema) + ": " + describe(datum), e);
                }
                check(schema.getTypes().get(branch), datum, path);
                return;
            }
            case RECORD: {
                require(datum instanceof IndexedRecord, path, "must be a " + schema.getName() + " record, got "
                        + describe(datum));
                IndexedRecord record = (IndexedRecord) datum;
                require(record.getSchema().getFullName().equals(schema.getFullName()), path, "must be a "
                        + schema.getFullName() + " record, got " + record.getSchema().getFullName());
                for (Schema.Field field : schema.getFields()) {
                    check(field.schema(), record.get(field.pos()), path + "." + field.name());
                }
                return;
            }
            default:
                throw new RecordEncodingException(rootName, path, "has unsupported Avro type " + schema.getType(), null);
        }
    }

    private void require(boolean ok, String path, String problem) {
        if (!ok) {
            throw new RecordEncodingException(rootName, path, problem, null);
        }
    }

    private static String branchNames(Schema union) {
        StringBuilder names = new StringBuilder("[");
        for (Schema branch : union.getTypes()) {
            names.append(names.length() > 1 ? ", " : "").append(branch.getName());
        }
        return names.append(']').toString();
    }

    private static String describe(Object datum) {
        return datum == null ? "null" : datum.getClass().getSimpleName();
    }

    /** The index of the first char of {@code s} that is half of no surrogate pair, or -1. */
    static int firstUnpairedSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(ch)) {
                return i;
            }
        }
        return -1;
    }
}
