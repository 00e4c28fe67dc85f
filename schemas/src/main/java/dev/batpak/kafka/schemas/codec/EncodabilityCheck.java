package dev.batpak.kafka.schemas.codec;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
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
        try {
            checkValue(schema, datum);
        } catch (Failure f) {
            throw new RecordEncodingException(rootName, f.path(rootName), f.problem, f.getCause());
        }
    }

    /*
     * Why the failure carries its path outward: the check runs on every record encoded, and
     * nearly always passes. Building each field's path and message up front was the largest cost
     * of encoding; here nothing is built on success, the message is formatted only where a test
     * fails, and each level adds its path segment while the failure unwinds.
     */
    private void checkValue(Schema schema, Object datum) {
        switch (schema.getType()) {
            case NULL:
                if (datum != null) {
                    throw new Failure("must be null, got " + describe(datum));
                }
                return;
            case BOOLEAN:
                if (!(datum instanceof Boolean)) {
                    throw new Failure("must be a boolean, got " + describe(datum));
                }
                return;
            case INT:
                if (!(datum instanceof Integer)) {
                    throw new Failure("must be an int, got " + describe(datum));
                }
                return;
            case LONG:
                if (!(datum instanceof Long)) {
                    throw new Failure("must be a long, got " + describe(datum));
                }
                return;
            case FLOAT:
                if (!(datum instanceof Float)) {
                    throw new Failure("must be a float, got " + describe(datum));
                }
                return;
            case DOUBLE:
                if (!(datum instanceof Double)) {
                    throw new Failure("must be a double, got " + describe(datum));
                }
                return;
            case BYTES:
                if (!(datum instanceof ByteBuffer)) {
                    throw new Failure("must be bytes (a ByteBuffer), got " + describe(datum));
                }
                return;
            case STRING: {
                if (!(datum instanceof CharSequence)) {
                    throw new Failure("must be a string, got " + describe(datum));
                }
                int bad = firstUnpairedSurrogate((CharSequence) datum);
                if (bad >= 0) {
                    throw new Failure("holds an unpaired UTF-16 surrogate at char " + bad
                            + ", which UTF-8 cannot carry");
                }
                return;
            }
            case FIXED: {
                if (!(datum instanceof GenericFixed)) {
                    throw new Failure("must be a fixed " + schema.getName() + ", got " + describe(datum));
                }
                byte[] bytes = ((GenericFixed) datum).bytes();
                if (bytes == null || bytes.length != schema.getFixedSize()) {
                    throw new Failure("must be " + schema.getFixedSize() + " bytes (" + schema.getName() + "), got "
                            + (bytes == null ? "none" : bytes.length + " bytes"));
                }
                return;
            }
            case ENUM:
                if (!(datum instanceof GenericEnumSymbol || datum instanceof Enum)) {
                    throw new Failure("must be a symbol of " + schema.getName() + ", got " + describe(datum));
                }
                if (!schema.hasEnumSymbol(datum.toString())) {
                    throw new Failure("symbol " + datum + " is not one of " + schema.getEnumSymbols());
                }
                return;
            case ARRAY: {
                if (!(datum instanceof Collection)) {
                    throw new Failure("must be an array, got " + describe(datum));
                }
                Schema items = schema.getElementType();
                int i = 0;
                for (Object item : (Collection<?>) datum) {
                    try {
                        checkValue(items, item);
                    } catch (Failure f) {
                        throw f.under("[" + i + "]");
                    }
                    i++;
                }
                return;
            }
            case MAP: {
                if (!(datum instanceof Map)) {
                    throw new Failure("must be a map, got " + describe(datum));
                }
                Schema values = schema.getValueType();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
                    if (!(e.getKey() instanceof CharSequence)) {
                        throw new Failure("has a key that is not a string: " + describe(e.getKey()));
                    }
                    if (firstUnpairedSurrogate((CharSequence) e.getKey()) >= 0) {
                        throw new Failure("has a key with an unpaired UTF-16 surrogate, which UTF-8 cannot carry");
                    }
                    try {
                        checkValue(values, e.getValue());
                    } catch (Failure f) {
                        throw f.under("{" + e.getKey() + "}");
                    }
                }
                return;
            }
            case UNION: {
                int branch;
                try {
                    branch = model.resolveUnion(schema, datum);
                } catch (UnresolvedUnionException e) {
                    throw new Failure("matches no branch of the union " + branchNames(schema) + ": "
                            + describe(datum), e);
                }
                checkValue(schema.getTypes().get(branch), datum);
                return;
            }
            case RECORD: {
                if (!(datum instanceof IndexedRecord)) {
                    throw new Failure("must be a " + schema.getName() + " record, got " + describe(datum));
                }
                IndexedRecord record = (IndexedRecord) datum;
                Schema actual = record.getSchema();
                if (actual != schema && !actual.getFullName().equals(schema.getFullName())) {
                    throw new Failure("must be a " + schema.getFullName() + " record, got " + actual.getFullName());
                }
                List<Schema.Field> fields = schema.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    Schema.Field field = fields.get(i);
                    try {
                        checkValue(field.schema(), record.get(field.pos()));
                    } catch (Failure f) {
                        throw f.under("." + field.name());
                    }
                }
                return;
            }
            default:
                throw new Failure("has unsupported Avro type " + schema.getType());
        }
    }

    /** What was wrong with a value that Avro would refuse or write wrongly. */
    private static final class Failure extends PathedFailure {
        private static final long serialVersionUID = 1L;

        private final String problem;

        Failure(String problem) {
            this(problem, null);
        }

        Failure(String problem, Throwable cause) {
            super(problem, cause);
            this.problem = problem;
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
