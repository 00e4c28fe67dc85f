package dev.batpak.kafka.sequencer.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The names and key layouts of the sequencer's state stores.
 *
 * <p>All are persistent RocksDB key-value stores with changelogs, {@code Bytes -> byte[]}, one
 * instance per stream task, and a task is a lane (a proposals partition). Keys that are
 * per-lane carry the lane in their first four bytes anyway, so the layout stays correct if
 * several lanes ever share a store instance, and an interactive query can tell lanes apart.
 * Integers are big-endian so that RocksDB's byte order is numeric order for the non-negative
 * values stored (lanes, offsets, batch indexes).
 *
 * <table>
 *   <caption>Stores</caption>
 *   <tr><th>store</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@value #HEADS}</td><td>lane u32 ‖ entity UTF-8</td><td>{@link StreamHead}</td></tr>
 *   <tr><td>{@value #IDEMPOTENCY}</td><td>event id (16)</td><td>{@link IdempotencyEntry}</td></tr>
 *   <tr><td>{@value #IDEMPOTENCY_AGE}</td><td>lane u32 ‖ recordedAtOffset u64 ‖ event id (16)</td><td>empty</td></tr>
 *   <tr><td>{@value #EVENTS}</td><td>event id (16)</td><td>{@link IndexedEvent}</td></tr>
 *   <tr><td>{@value #BATCHES}</td><td>lane u32 ‖ 'B' ‖ batch id (16), and lane u32 ‖ 'I' ‖ batch id (16) ‖ index u32</td>
 *       <td>{@link BatchHeader}, {@link BufferedItem}</td></tr>
 *   <tr><td>{@value #LANES}</td><td>lane u32</td><td>{@link LaneState}</td></tr>
 *   <tr><td>{@value #PENDING}</td><td>lane u32 ‖ 'P' ‖ proposal offset u64, and lane u32 ‖ 'S' ‖ entity UTF-8</td>
 *       <td>{@link PendingEntry}, the number of held units of that stream (u32)</td></tr>
 *   <tr><td>{@value #CAUSAL_INDEX} (global)</td><td>event id (16)</td><td>{@link CausalEntry}</td></tr>
 * </table>
 */
public final class StoreLayout {

    /** Stream heads per {@code (entity, lane)}. */
    public static final String HEADS = "batpak-heads";
    /** Idempotency entries by key (the keyed proposal's event id). */
    public static final String IDEMPOTENCY = "batpak-idempotency";
    /** The idempotency entries ordered by the offset they were recorded at, for window eviction. */
    public static final String IDEMPOTENCY_AGE = "batpak-idempotency-age";
    /** The event index: every journal record (events and denials) by event id. */
    public static final String EVENTS = "batpak-events";
    /** Batch items buffered until their lane's part of the batch is complete. */
    public static final String BATCHES = "batpak-batches";
    /** Per-lane bookkeeping: read position, published frontier, key count, last HLC. */
    public static final String LANES = "batpak-lanes";

    /** Proposals and batch parts held for their causation parents, and held counts per stream. */
    public static final String PENDING = "batpak-pending";
    /**
     * The cross-lane causal index, a global store (every instance holds all of it) read from
     * {@code <store>.causal-index}.
     */
    public static final String CAUSAL_INDEX = "batpak-causal-index";

    private static final byte HEADER_TAG = 'B';
    private static final byte PENDING_TAG = 'P';
    private static final byte STREAM_TAG = 'S';
    private static final byte ITEM_TAG = 'I';

    private StoreLayout() {
    }

    /** The {@value #HEADS} key of stream {@code (entity, lane)}. */
    public static Bytes headKey(int lane, String entity) {
        byte[] name = entity.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(4 + name.length).putInt(lane).put(name).array());
    }

    /** The {@value #IDEMPOTENCY} and {@value #EVENTS} key of an event id. */
    public static Bytes idKey(byte[] eventId) {
        if (eventId.length != 16) {
            throw new IllegalArgumentException("an event id is 16 bytes, got " + eventId.length);
        }
        return Bytes.wrap(eventId.clone());
    }

    /** The {@value #IDEMPOTENCY_AGE} key of an entry. */
    public static Bytes ageKey(int lane, long recordedAtOffset, byte[] eventId) {
        return Bytes.wrap(ByteBuffer.allocate(28).putInt(lane).putLong(recordedAtOffset).put(eventId).array());
    }

    /** The smallest {@value #IDEMPOTENCY_AGE} key of a lane. */
    public static Bytes ageLaneStart(int lane) {
        return Bytes.wrap(ByteBuffer.allocate(4).putInt(lane).array());
    }

    /** The event id inside an {@value #IDEMPOTENCY_AGE} key. */
    public static byte[] ageKeyEventId(Bytes ageKey) {
        byte[] key = ageKey.get();
        byte[] id = new byte[16];
        System.arraycopy(key, 12, id, 0, 16);
        return id;
    }

    /** The recorded-at offset inside an {@value #IDEMPOTENCY_AGE} key. */
    public static long ageKeyOffset(Bytes ageKey) {
        return ByteBuffer.wrap(ageKey.get()).getLong(4);
    }

    /** The {@value #BATCHES} key of a batch's header. */
    public static Bytes batchHeaderKey(int lane, byte[] batchId) {
        return Bytes.wrap(ByteBuffer.allocate(21).putInt(lane).put(HEADER_TAG).put(batchId).array());
    }

    /** The prefix of every batch header key of a lane. */
    public static Bytes batchHeaderPrefix(int lane) {
        return Bytes.wrap(ByteBuffer.allocate(5).putInt(lane).put(HEADER_TAG).array());
    }

    /** The batch id inside a batch header key. */
    public static byte[] batchHeaderKeyBatchId(Bytes headerKey) {
        byte[] id = new byte[16];
        System.arraycopy(headerKey.get(), 5, id, 0, 16);
        return id;
    }

    /** The {@value #BATCHES} key of one buffered item. */
    public static Bytes batchItemKey(int lane, byte[] batchId, int index) {
        return Bytes.wrap(ByteBuffer.allocate(25).putInt(lane).put(ITEM_TAG).put(batchId).putInt(index).array());
    }

    /** The prefix of every buffered item key of a batch; they sort by index. */
    public static Bytes batchItemPrefix(int lane, byte[] batchId) {
        return Bytes.wrap(ByteBuffer.allocate(21).putInt(lane).put(ITEM_TAG).put(batchId).array());
    }

    /** The {@value #LANES} key of a lane. */
    public static Bytes laneKey(int lane) {
        return Bytes.wrap(ByteBuffer.allocate(4).putInt(lane).array());
    }

    /** The lane inside a {@value #LANES} key. */
    public static int laneOf(Bytes laneKey) {
        return ByteBuffer.wrap(laneKey.get()).getInt();
    }

    /** The {@value #PENDING} key of a held proposal (or batch part, at its smallest offset). */
    public static Bytes pendingKey(int lane, long offset) {
        return Bytes.wrap(ByteBuffer.allocate(13).putInt(lane).put(PENDING_TAG).putLong(offset).array());
    }

    /** The prefix of every held proposal key of a lane; they sort by offset. */
    public static Bytes pendingPrefix(int lane) {
        return Bytes.wrap(ByteBuffer.allocate(5).putInt(lane).put(PENDING_TAG).array());
    }

    /** The {@value #PENDING} key counting the held units of stream {@code (entity, lane)}. */
    public static Bytes heldStreamKey(int lane, String entity) {
        byte[] name = entity.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(5 + name.length).putInt(lane).put(STREAM_TAG).put(name).array());
    }
}
