package dev.batpak.kafka.sequencer.state;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key layout of the causal-graph store {@value #STORE}: one RocksDB store per lane, written by
 * the sequencer together with its event index, holding four kinds of entries told apart by a tag
 * byte.
 *
 * <table>
 *   <caption>Entries</caption>
 *   <tr><th>key</th><th>value</th><th>what for</th></tr>
 *   <tr><td>'N' ‖ event id (16)</td><td>{@link GraphNode}</td><td>the node: parents, chain, HLC</td></tr>
 *   <tr><td>'H' ‖ event hash (32)</td><td>event id (16)</td><td>walking the hash chain by prev hash</td></tr>
 *   <tr><td>'C' ‖ parent id (16) ‖ child hlc u64 ‖ child id (16)</td><td>empty</td><td>children of a parent, in HLC order</td></tr>
 *   <tr><td>'R' ‖ correlation id (16) ‖ hlc u64 ‖ event id (16)</td><td>empty</td><td>a correlation group in HLC order</td></tr>
 * </table>
 *
 * <p>A child is recorded in the lane of the <em>child</em> (the lane that sealed it), so the
 * children of an event are spread over lanes: a query reads every lane's store. Packed HLCs are
 * non-negative (48-bit milliseconds, 16-bit counter), so big-endian key order is HLC order.
 */
public final class GraphLayout {

    /** The store name. */
    public static final String STORE = "batpak-graph";

    /** The tag of node entries. */
    public static final byte NODE = 'N';
    /** The tag of hash entries. */
    public static final byte HASH = 'H';
    /** The tag of child entries. */
    public static final byte CHILD = 'C';
    /** The tag of correlation entries. */
    public static final byte CORRELATION = 'R';

    private GraphLayout() {
    }

    /** The node key of an event id. */
    public static Bytes nodeKey(byte[] eventId) {
        return Bytes.wrap(ByteBuffer.allocate(17).put(NODE).put(check(eventId, 16)).array());
    }

    /** The hash key of an event hash. */
    public static Bytes hashKey(byte[] eventHash) {
        return Bytes.wrap(ByteBuffer.allocate(33).put(HASH).put(check(eventHash, 32)).array());
    }

    /** The child key of {@code (parent, child)}; {@code childHlc} orders a parent's children. */
    public static Bytes childKey(byte[] parent, long childHlc, byte[] child) {
        return Bytes.wrap(ByteBuffer.allocate(41).put(CHILD).put(check(parent, 16)).putLong(childHlc)
                .put(check(child, 16)).array());
    }

    /** The smallest child key of a parent. */
    public static Bytes childFrom(byte[] parent) {
        return Bytes.wrap(ByteBuffer.allocate(41).put(CHILD).put(check(parent, 16)).array());
    }

    /** The largest child key of a parent. */
    public static Bytes childTo(byte[] parent) {
        ByteBuffer buffer = ByteBuffer.allocate(41).put(CHILD).put(check(parent, 16));
        while (buffer.hasRemaining()) {
            buffer.put((byte) 0xFF);
        }
        return Bytes.wrap(buffer.array());
    }

    /** The child id inside a child key. */
    public static byte[] childOf(Bytes childKey) {
        byte[] id = new byte[16];
        System.arraycopy(childKey.get(), 25, id, 0, 16);
        return id;
    }

    /** The child's HLC inside a child key. */
    public static long childHlc(Bytes childKey) {
        return ByteBuffer.wrap(childKey.get()).getLong(17);
    }

    /** The correlation key of an event. */
    public static Bytes correlationKey(byte[] correlationId, long hlc, byte[] eventId) {
        return Bytes.wrap(ByteBuffer.allocate(41).put(CORRELATION).put(check(correlationId, 16)).putLong(hlc)
                .put(check(eventId, 16)).array());
    }

    /** The largest correlation key of a group. */
    public static Bytes correlationTo(byte[] correlationId) {
        ByteBuffer buffer = ByteBuffer.allocate(41).put(CORRELATION).put(check(correlationId, 16));
        while (buffer.hasRemaining()) {
            buffer.put((byte) 0xFF);
        }
        return Bytes.wrap(buffer.array());
    }

    /** The HLC inside a correlation key. */
    public static long correlationHlc(Bytes correlationKey) {
        return ByteBuffer.wrap(correlationKey.get()).getLong(17);
    }

    /** The event id inside a correlation key. */
    public static byte[] correlationEvent(Bytes correlationKey) {
        byte[] id = new byte[16];
        System.arraycopy(correlationKey.get(), 25, id, 0, 16);
        return id;
    }

    private static byte[] check(byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new IllegalArgumentException("expected " + length + " bytes, got " + bytes.length);
        }
        return bytes;
    }
}
