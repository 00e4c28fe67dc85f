package dev.batpak.kafka.sequencer.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch this lane is still collecting: its shape as the first item announced it, and how
 * much of it has arrived.
 *
 * <p>The shape of the first arrived item is authoritative; an item that announces a different
 * shape is remembered in {@code inconsistentIndex} and the whole batch is denied when it is
 * decided, because a batch whose items disagree about what the batch is cannot be committed
 * all or nothing with confidence.
 *
 * @param size the number of items in the whole batch (all lanes)
 * @param laneSize the number of items on this lane; the batch is decided when that many arrived
 * @param lanes the lanes the batch touches, ascending
 * @param firstOffset the smallest proposal offset of an arrived item (the frontier stays below it)
 * @param openedAtMillis wall-clock time the first item arrived, for the incomplete-batch timeout
 * @param arrived the number of distinct items that arrived
 * @param inconsistentIndex the index of the first item whose shape disagreed, or -1
 * @param inconsistency what disagreed, empty when nothing did
 */
public record BatchHeader(int size, int laneSize, List<Integer> lanes, long firstOffset, long openedAtMillis,
        int arrived, int inconsistentIndex, String inconsistency) {

    private static final int VERSION = 1;

    /** Freezes the lane list. */
    public BatchHeader {
        lanes = List.copyOf(lanes);
        Objects.requireNonNull(inconsistency, "inconsistency");
    }

    /** This header after one more item arrived at {@code offset}. */
    public BatchHeader arrivedAt(long offset) {
        return new BatchHeader(size, laneSize, lanes, Math.min(firstOffset, offset), openedAtMillis, arrived + 1,
                inconsistentIndex, inconsistency);
    }

    /** This header, recording that the item at {@code index} disagreed (the first disagreement is kept). */
    public BatchHeader inconsistentAt(int index, String what) {
        if (inconsistentIndex >= 0) {
            return this;
        }
        return new BatchHeader(size, laneSize, lanes, firstOffset, openedAtMillis, arrived, index, what);
    }

    /** True when every item of this lane has arrived. */
    public boolean complete() {
        return arrived >= laneSize;
    }

    /** The store value. */
    public byte[] encode() {
        Bin.Writer out = new Bin.Writer(64 + lanes.size() * 4).u8(VERSION).i32(size).i32(laneSize).i32(lanes.size());
        for (int lane : lanes) {
            out.i32(lane);
        }
        return out.i64(firstOffset).i64(openedAtMillis).i32(arrived).i32(inconsistentIndex).utf8(inconsistency)
                .toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a batch header of this release
     */
    public static BatchHeader decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "batch header");
        in.version(VERSION);
        int size = in.i32();
        int laneSize = in.i32();
        int count = in.i32();
        if (count < 0 || count > 1 << 16) {
            throw new StateFormatException("batch header: lane count " + count + " is out of range");
        }
        List<Integer> lanes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lanes.add(in.i32());
        }
        BatchHeader header = new BatchHeader(size, laneSize, lanes, in.i64(), in.i64(), in.i32(), in.i32(), in.utf8());
        in.end();
        return header;
    }
}
