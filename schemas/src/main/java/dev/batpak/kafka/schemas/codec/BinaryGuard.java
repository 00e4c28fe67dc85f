package dev.batpak.kafka.schemas.codec;

import dev.batpak.kafka.schemas.codec.MalformedRecordException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Walks Avro binary against a writer schema without building anything, and refuses what Avro's own
 * decoder would choke on or over-allocate for.
 *
 * <p>Why it exists: Avro's decoder trusts declared sizes. A 20-byte input can declare a 2 GiB
 * string, or an array of two billion items, and Avro allocates that before it notices the bytes
 * are missing (an {@link OutOfMemoryError}, not an exception a consumer loop can survive). This
 * walk runs first and checks, for every value: varints end within 5 (int) or 10 (long) bytes and do
 * not overflow; string and bytes lengths are between 0 and the bytes that remain; strings are
 * well-formed UTF-8 (Avro would silently replace bad sequences, so decode and encode would
 * disagree); array and map block counts are at most {@code remaining / minimum item size} (an item
 * takes at least one byte; every item type in our schemas does); an explicit block byte size
 * matches the block; enum and union indexes are in range; booleans are 0 or 1; nesting is at most
 * {@value #MAX_DEPTH} deep; and the record ends exactly at the end of the input. What passes can be
 * decoded by Avro with allocations bounded by the input size.
 *
 * <p>Compiled once per writer schema; immutable and thread-safe.
 */
final class BinaryGuard {

    /** Deepest record nesting accepted; a bound so that a recursive schema cannot overflow the stack. */
    static final int MAX_DEPTH = 64;

    private final String recordName;
    private final Node root;

    private BinaryGuard(String recordName, Node root) {
        this.recordName = recordName;
        this.root = root;
    }

    /** Compiles the walk for {@code writer}. */
    static BinaryGuard compile(Schema writer) {
        return new BinaryGuard(writer.getName(), new Compiler().compile(writer));
    }

    /**
     * Checks that {@code bytes[from, to)} is exactly one value of the writer schema.
     *
     * @param expectedName the record the caller expected, for messages
     */
    void check(byte[] bytes, int from, int to, String expectedName) throws MalformedRecordException {
        Cursor c = new Cursor(bytes, from, to);
        try {
            root.check(c);
            if (c.pos != c.end) {
                throw c.fail(Reason.TRAILING_BYTES, (c.end - c.pos) + " bytes remain after the " + recordName
                        + " record ended at byte " + c.pos);
            }
        } catch (Failure f) {
            throw new MalformedRecordException(f.reason, expectedName, f.what + " at " + f.path(recordName));
        }
    }

    /** A defect found by the walk, with its reason. */
    private static final class Failure extends PathedFailure {
        private static final long serialVersionUID = 1L;

        final Reason reason;
        final String what;

        Failure(Reason reason, String what) {
            super(what, null);
            this.reason = reason;
            this.what = what;
        }
    }

    /** The read position over the input, and where in the schema it is, for messages. */
    private static final class Cursor {
        final byte[] bytes;
        final int end;
        int pos;
        int depth;

        Cursor(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.pos = from;
            this.end = to;
        }

        int remaining() {
            return end - pos;
        }

        Failure fail(Reason reason, String what) {
            return new Failure(reason, what);
        }

        Failure truncated(String what) {
            return fail(Reason.TRUNCATED, "input ends at byte " + end + " inside " + what);
        }

        int readByte(String what) {
            if (pos >= end) {
                throw truncated(what);
            }
            return bytes[pos++] & 0xff;
        }

        long readLong() {
            long raw = 0;
            for (int i = 0; i < 10; i++) {
                int b = readByte("a long");
                if (i == 9 && b > 0x01) {
                    throw fail(Reason.BAD_VALUE, "long varint overflows 64 bits at byte " + (pos - 1));
                }
                raw |= (long) (b & 0x7f) << (7 * i);
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw fail(Reason.BAD_VALUE, "long varint longer than 10 bytes");
        }

        int readInt() {
            int raw = 0;
            for (int i = 0; i < 5; i++) {
                int b = readByte("an int");
                if (i == 4 && b > 0x0f) {
                    throw fail(Reason.BAD_VALUE, "int varint overflows 32 bits at byte " + (pos - 1));
                }
                raw |= (b & 0x7f) << (7 * i);
                if ((b & 0x80) == 0) {
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
            throw fail(Reason.BAD_VALUE, "int varint longer than 5 bytes");
        }

        /** Reads a length prefix and checks it fits in what remains. */
        int readLength(String what) {
            long length = readLong();
            if (length < 0) {
                throw fail(Reason.BAD_LENGTH, what + " declares a negative length " + length);
            }
            if (length > remaining()) {
                throw fail(Reason.BAD_LENGTH, what + " declares " + length + " bytes but only "
                        + remaining() + " remain");
            }
            return (int) length;
        }

        void skip(int n, String what) {
            if (n > remaining()) {
                throw truncated(what);
            }
            pos += n;
        }
    }

    /** One schema node's check. {@link #minSize()} is the fewest bytes any value of it encodes to. */
    private abstract static class Node {
        abstract int minSize();

        abstract void check(Cursor c);
    }

    private static final class NullNode extends Node {
        @Override
        int minSize() {
            return 0;
        }

        @Override
        void check(Cursor c) {
            // null encodes to zero bytes
        }
    }

    private static final class BooleanNode extends Node {
        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            int b = c.readByte("a boolean");
            if (b > 1) {
                throw c.fail(Reason.BAD_VALUE, "boolean byte is " + b + ", not 0 or 1");
            }
        }
    }

    private static final class IntNode extends Node {
        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            c.readInt();
        }
    }

    private static final class LongNode extends Node {
        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            c.readLong();
        }
    }

    /** float (4), double (8) and fixed (its size): a constant number of raw bytes. */
    private static final class RawNode extends Node {
        private final int size;
        private final String what;

        RawNode(int size, String what) {
            this.size = size;
            this.what = what;
        }

        @Override
        int minSize() {
            return size;
        }

        @Override
        void check(Cursor c) {
            c.skip(size, what);
        }
    }

    private static final class BytesNode extends Node {
        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            int length = c.readLength("bytes");
            c.pos += length;
        }
    }

    private static final class StringNode extends Node {
        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            int length = c.readLength("string");
            int bad = Utf8.firstInvalid(c.bytes, c.pos, c.pos + length);
            if (bad >= 0) {
                throw c.fail(Reason.BAD_VALUE, "string is not well-formed UTF-8 at byte " + bad);
            }
            c.pos += length;
        }
    }

    private static final class EnumNode extends Node {
        private final Schema schema;

        EnumNode(Schema schema) {
            this.schema = schema;
        }

        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            int index = c.readInt();
            if (index < 0 || index >= schema.getEnumSymbols().size()) {
                throw c.fail(Reason.BAD_VALUE, "enum " + schema.getName() + " index " + index
                        + " is outside 0.." + (schema.getEnumSymbols().size() - 1));
            }
        }
    }

    private static final class UnionNode extends Node {
        private final List<Node> branches;
        private final int minSize;

        UnionNode(List<Node> branches) {
            this.branches = branches;
            int min = Integer.MAX_VALUE;
            for (Node branch : branches) {
                min = Math.min(min, branch.minSize());
            }
            this.minSize = 1 + (branches.isEmpty() ? 0 : min);
        }

        @Override
        int minSize() {
            return minSize;
        }

        @Override
        void check(Cursor c) {
            long index = c.readLong();
            if (index < 0 || index >= branches.size()) {
                throw c.fail(Reason.BAD_VALUE, "union index " + index + " is outside 0.." + (branches.size() - 1));
            }
            branches.get((int) index).check(c);
        }
    }

    /** Arrays (one item node) and maps (a string key, then the value node): blocks of items. */
    private static final class BlocksNode extends Node {
        private final Node key;
        private final Node item;
        private final String label;

        BlocksNode(Node key, Node item, String label) {
            this.key = key;
            this.item = item;
            this.label = label;
        }

        @Override
        int minSize() {
            return 1;
        }

        @Override
        void check(Cursor c) {
            try {
                checkBlocks(c);
            } catch (Failure f) {
                throw f.under(label);
            }
        }

        private void checkBlocks(Cursor c) {
            int perItem = Math.max(1, (key == null ? 0 : key.minSize()) + item.minSize());
            long count = c.readLong();
            while (count != 0) {
                int blockEnd = -1;
                if (count < 0) {
                    if (count == Long.MIN_VALUE) {
                        throw c.fail(Reason.BAD_LENGTH, "block count " + count + " cannot be negated");
                    }
                    count = -count;
                    int blockBytes = c.readLength("block byte size");
                    blockEnd = c.pos + blockBytes;
                }
                if (count > c.remaining() / perItem) {
                    throw c.fail(Reason.BAD_LENGTH, "block declares " + count + " items of at least "
                            + perItem + " bytes but only " + c.remaining() + " bytes remain");
                }
                for (long i = 0; i < count; i++) {
                    if (key != null) {
                        key.check(c);
                    }
                    item.check(c);
                }
                if (blockEnd >= 0 && c.pos != blockEnd) {
                    throw c.fail(Reason.BAD_LENGTH, "block declared it ends at byte " + blockEnd
                            + " but its items end at byte " + c.pos);
                }
                count = c.readLong();
            }
        }
    }

    private static final class RecordNode extends Node {
        private final String name;
        private String[] labels;
        private Node[] fields;
        private int minSize;

        RecordNode(String name) {
            this.name = name;
        }

        void define(String[] labels, Node[] fields) {
            this.labels = labels;
            this.fields = fields;
            int sum = 0;
            for (Node field : fields) {
                sum += field.minSize();
            }
            this.minSize = sum;
        }

        @Override
        int minSize() {
            return minSize;
        }

        @Override
        void check(Cursor c) {
            if (++c.depth > MAX_DEPTH) {
                throw c.fail(Reason.BAD_VALUE, "records nest deeper than " + MAX_DEPTH + " levels in " + name);
            }
            for (int i = 0; i < fields.length; i++) {
                try {
                    fields[i].check(c);
                } catch (Failure f) {
                    throw f.under(labels[i]);
                }
            }
            c.depth--;
        }
    }

    /** Builds the node tree; a named record is compiled once, so recursive schemas terminate. */
    private static final class Compiler {
        private final Map<String, RecordNode> records = new HashMap<>();

        Node compile(Schema schema) {
            switch (schema.getType()) {
                case NULL:
                    return new NullNode();
                case BOOLEAN:
                    return new BooleanNode();
                case INT:
                    return new IntNode();
                case LONG:
                    return new LongNode();
                case FLOAT:
                    return new RawNode(4, "a float");
                case DOUBLE:
                    return new RawNode(8, "a double");
                case BYTES:
                    return new BytesNode();
                case STRING:
                    return new StringNode();
                case FIXED:
                    return new RawNode(schema.getFixedSize(), "fixed " + schema.getName());
                case ENUM:
                    return new EnumNode(schema);
                case ARRAY:
                    return new BlocksNode(null, compile(schema.getElementType()), "[]");
                case MAP:
                    return new BlocksNode(new StringNode(), compile(schema.getValueType()), "{}");
                case UNION: {
                    List<Node> branches = new ArrayList<>();
                    for (Schema branch : schema.getTypes()) {
                        branches.add(compile(branch));
                    }
                    return new UnionNode(List.copyOf(branches));
                }
                case RECORD: {
                    RecordNode known = records.get(schema.getFullName());
                    if (known != null) {
                        return known;
                    }
                    RecordNode node = new RecordNode(schema.getName());
                    records.put(schema.getFullName(), node);
                    List<Schema.Field> fields = schema.getFields();
                    String[] labels = new String[fields.size()];
                    Node[] nodes = new Node[fields.size()];
                    for (int i = 0; i < fields.size(); i++) {
                        labels[i] = "." + fields.get(i).name();
                        nodes[i] = compile(fields.get(i).schema());
                    }
                    node.define(labels, nodes);
                    return node;
                }
                default:
                    throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
            }
        }
    }

    /** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
    static final class Utf8 {
        private Utf8() {
        }

        /** The index of the first byte of an invalid sequence in {@code b[from, to)}, or -1. */
        static int firstInvalid(byte[] b, int from, int to) {
            int i = from;
            while (i < to) {
                int b0 = b[i] & 0xff;
                if (b0 < 0x80) {
                    i++;
                    continue;
                }
                int need;
                int min;
                int max;
                if (b0 >= 0xc2 && b0 <= 0xdf) {
                    need = 1;
                    min = 0x80;
                    max = 0xbf;
                } else if (b0 == 0xe0) {
                    need = 2;
                    min = 0xa0;
                    max = 0xbf;
                } else if (b0 == 0xed) {
                    need = 2;
                    min = 0x80;
                    max = 0x9f;
                } else if (b0 >= 0xe1 && b0 <= 0xef) {
                    need = 2;
                    min = 0x80;
                    max = 0xbf;
                } else if (b0 == 0xf0) {
                    need = 3;
                    min = 0x90;
                    max = 0xbf;
                } else if (b0 >= 0xf1 && b0 <= 0xf3) {
                    need = 3;
                    min = 0x80;
                    max = 0xbf;
                } else if (b0 == 0xf4) {
                    need = 3;
                    min = 0x80;
                    max = 0x8f;
                } else {
                    return i;
                }
                if (i + need >= to) {
                    return i;
                }
                int b1 = b[i + 1] & 0xff;
                if (b1 < min || b1 > max) {
                    return i;
                }
                for (int k = 2; k <= need; k++) {
                    int bk = b[i + k] & 0xff;
                    if (bk < 0x80 || bk > 0xbf) {
                        return i;
                    }
                }
                i += need + 1;
            }
            return -1;
        }
    }
}
