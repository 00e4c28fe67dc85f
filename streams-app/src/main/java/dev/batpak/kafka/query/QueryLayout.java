package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.KindFilter;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key layout of the query index's two stores, one pair per lane (task).
 *
 * <p>{@link #EVENTS}: journal offset (8 bytes, big-endian) to the event, re-encoded as an Avro
 * single-object {@code JournalEvent} (so reads never need the schema registry). A scan of it is
 * the lane in commit order.
 *
 * <p>{@link #INDEX}: secondary keys whose last 8 bytes are the journal offset, so a range scan of
 * one prefix yields the lane's matching events in commit order; their values are empty.
 * <ul>
 *   <li>{@code 'N' namespace 0x00 offset}: for an entity {@code a:b:c}, one key each for
 *       {@code a}, {@code a:b} and {@code a:b:c} (the namespaces an entity-prefix region can
 *       name), capped at {@link #MAX_NAMESPACE_DEPTH} colons;</li>
 *   <li>{@code 'S' scope 0x00 offset};</li>
 *   <li>{@code 'K' kind(2) offset} and {@code 'C' category(1) offset};</li>
 *   <li>{@code 'I' eventId(16)} to the offset (8 bytes): the point lookup behind {@code get};</li>
 *   <li>{@code 'P'}: the lane's progress, next offset to index (8) and records skipped (8).</li>
 * </ul>
 * Coordinates never contain {@code 0x00}, so the separator keeps {@code a} and {@code ab} apart.
 */
public final class QueryLayout {

    /** The events store: offset to encoded event. */
    public static final String EVENTS = "batpak-query-events";
    /** The secondary index store. */
    public static final String INDEX = "batpak-query-index";
    /** How many namespace levels of an entity are indexed; deeper prefixes use the deepest and filter. */
    public static final int MAX_NAMESPACE_DEPTH = 8;

    static final byte NAMESPACE = 'N';
    static final byte SCOPE = 'S';
    static final byte KIND = 'K';
    static final byte CATEGORY = 'C';
    static final byte ID = 'I';
    static final Bytes PROGRESS = Bytes.wrap(new byte[] {'P'});
    static final byte[] EMPTY = new byte[0];

    private QueryLayout() {
    }

    /** The events-store key of a journal offset. */
    public static Bytes offsetKey(long offset) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(offset).array());
    }

    /** The offset in the last 8 bytes of a key. */
    public static long offsetOf(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
    }

    /** The id-index key of an event. */
    public static Bytes idKey(EventId id) {
        byte[] raw = id.toBytes();
        byte[] key = new byte[1 + raw.length];
        key[0] = ID;
        System.arraycopy(raw, 0, key, 1, raw.length);
        return Bytes.wrap(key);
    }

    /** The namespaces of {@code entity} that are indexed: each prefix before a colon (up to the cap), and itself. */
    public static List<String> namespaces(String entity) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < entity.length() && depth < MAX_NAMESPACE_DEPTH; i++) {
            if (entity.charAt(i) == ':') {
                depth++;
                if (i > 0) {
                    out.add(entity.substring(0, i));
                }
            }
        }
        if (!out.contains(entity)) {
            out.add(entity);
        }
        return out;
    }

    /**
     * The indexed namespace that covers every entity {@code prefix} selects: the prefix itself,
     * or for a prefix deeper than the cap its ancestor at the cap (the caller filters the rest).
     */
    public static String coveringNamespace(String prefix) {
        int depth = 0;
        for (int i = 0; i < prefix.length(); i++) {
            if (prefix.charAt(i) == ':' && ++depth == MAX_NAMESPACE_DEPTH && i > 0) {
                return prefix.substring(0, i);
            }
        }
        return prefix;
    }

    /** The secondary keys of one event. */
    static List<Bytes> secondaryKeys(String entity, String scope, int kind, long offset) {
        List<Bytes> keys = new ArrayList<>();
        for (String namespace : namespaces(entity)) {
            keys.add(entry(textPrefix(NAMESPACE, namespace), offset));
        }
        keys.add(entry(textPrefix(SCOPE, scope), offset));
        keys.add(entry(new byte[] {KIND, (byte) (kind >>> 8), (byte) kind}, offset));
        keys.add(entry(new byte[] {CATEGORY, (byte) ((kind >>> 12) & 0xF)}, offset));
        return keys;
    }

    /**
     * The index prefix that best narrows {@code region}, or empty bytes for "scan the events
     * store": an entity prefix first (usually the most selective), then scope, exact kind, category.
     */
    static byte[] scanPrefix(Region region) {
        if (region.entityPrefix().isPresent()) {
            return textPrefix(NAMESPACE, coveringNamespace(region.entityPrefix().get()));
        }
        if (region.scope().isPresent()) {
            return textPrefix(SCOPE, region.scope().get());
        }
        KindFilter fact = region.fact();
        if (fact instanceof KindFilter.Exact exact) {
            int kind = exact.kind().raw();
            return new byte[] {KIND, (byte) (kind >>> 8), (byte) kind};
        }
        if (fact instanceof KindFilter.Category category) {
            return new byte[] {CATEGORY, (byte) category.category()};
        }
        return EMPTY;
    }

    /** {@code prefix} followed by {@code offset}. */
    static Bytes entry(byte[] prefix, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(offset).array());
    }

    private static byte[] textPrefix(byte tag, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[utf8.length + 2];
        prefix[0] = tag;
        System.arraycopy(utf8, 0, prefix, 1, utf8.length);
        prefix[prefix.length - 1] = 0;
        return prefix;
    }
}
