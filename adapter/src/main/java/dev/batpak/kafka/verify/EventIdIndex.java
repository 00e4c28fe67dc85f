package dev.batpak.kafka.verify;

import java.util.Arrays;

/**
 * The event ids seen so far in a journal walk, with where each was first seen: an
 * open-addressing hash table over primitive arrays.
 *
 * <p>Why not a {@code HashMap<UUID, Position>}: finding duplicate ids across a whole journal
 * means remembering every id. Boxed, that is three objects and about 100 bytes per id, and tens
 * of millions of live objects for the garbage collector to trace. Here a slot is 28 bytes in four
 * primitive arrays, kept 30–60 % full: 47–93 bytes per id and no objects per id.
 * Not thread-safe; a walk is single-threaded.
 */
final class EventIdIndex {

    private static final int EMPTY = -1;
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final int MAX_CAPACITY = 1 << 30;

    private long[] his;
    private long[] los;
    private int[] lanes;
    private long[] offsets;
    private int mask;
    private int size;

    EventIdIndex() {
        allocate(INITIAL_CAPACITY);
    }

    /**
     * Adds the id with the position it was seen at, unless it is already present.
     *
     * @return {@code -1} if the id was added, else the slot of its earlier occurrence (read it
     *     with {@link #laneAt} and {@link #offsetAt})
     */
    int addOrFind(long hi, long lo, int lane, long offset) {
        int slot = find(hi, lo);
        if (lanes[slot] != EMPTY) {
            return slot;
        }
        his[slot] = hi;
        los[slot] = lo;
        lanes[slot] = lane;
        offsets[slot] = offset;
        size++;
        if (size > lanes.length / 5 * 3) {
            grow();
        }
        return -1;
    }

    /** The lane at which the id in {@code slot} was first seen. */
    int laneAt(int slot) {
        return lanes[slot];
    }

    /** The offset at which the id in {@code slot} was first seen. */
    long offsetAt(int slot) {
        return offsets[slot];
    }

    /** How many distinct ids have been added. */
    int size() {
        return size;
    }

    /** The slot holding {@code (hi, lo)}, or the empty slot where it belongs. */
    private int find(long hi, long lo) {
        int slot = (int) mix(hi, lo) & mask;
        while (lanes[slot] != EMPTY && (his[slot] != hi || los[slot] != lo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        if (lanes.length >= MAX_CAPACITY) {
            throw new IllegalStateException("more than " + (MAX_CAPACITY / 5 * 3)
                    + " distinct event ids: too many for one verification run");
        }
        long[] oldHis = his;
        long[] oldLos = los;
        int[] oldLanes = lanes;
        long[] oldOffsets = offsets;
        allocate(oldLanes.length * 2);
        for (int i = 0; i < oldLanes.length; i++) {
            if (oldLanes[i] != EMPTY) {
                int slot = find(oldHis[i], oldLos[i]);
                his[slot] = oldHis[i];
                los[slot] = oldLos[i];
                lanes[slot] = oldLanes[i];
                offsets[slot] = oldOffsets[i];
            }
        }
    }

    private void allocate(int capacity) {
        his = new long[capacity];
        los = new long[capacity];
        lanes = new int[capacity];
        offsets = new long[capacity];
        Arrays.fill(lanes, EMPTY);
        mask = capacity - 1;
    }

    /** Spreads all 128 bits: ids derived from idempotency keys and UUIDv7s differ in different halves. */
    private static long mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }
}
