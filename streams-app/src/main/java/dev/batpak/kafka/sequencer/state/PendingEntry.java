package dev.batpak.kafka.sequencer.state;

import java.util.Arrays;
import java.util.Objects;

/**
 * A proposal (or a complete batch part) the sequencer holds undecided: a causation parent is not
 * visible yet, or an earlier proposal of the same stream is held. Kept in the changelogged
 * {@value StoreLayout#PENDING} store, so a restarted or moved lane still releases or times it out.
 *
 * @param offset the proposal offset (for a batch part: its smallest item offset)
 * @param timestamp the proposal record's timestamp (unused for a batch part)
 * @param heldAtMillis the sequencer's wall clock when it was first held; {@code causal.wait.ms}
 *     counts from here
 * @param value the proposal record's value bytes (empty for a batch part, whose items stay in
 *     {@value StoreLayout#BATCHES})
 * @param batchId the batch id of a held batch part, empty for a single proposal
 * @param voted for a part of a cross-lane batch: the part passed every check and its lane voted
 *     {@code PART_ACCEPTED}; it now waits for the other lanes' votes only
 */
public record PendingEntry(long offset, long timestamp, long heldAtMillis, byte[] value, byte[] batchId,
        boolean voted) {

    private static final int VERSION = 1;

    /** Copies the bytes. */
    public PendingEntry {
        value = Objects.requireNonNull(value, "value").clone();
        batchId = Objects.requireNonNull(batchId, "batchId").clone();
        if (batchId.length != 0 && batchId.length != 16) {
            throw new IllegalArgumentException("a batch id is 16 bytes, got " + batchId.length);
        }
    }

    /** A held single proposal. */
    public static PendingEntry single(long offset, long timestamp, long heldAtMillis, byte[] value) {
        return new PendingEntry(offset, timestamp, heldAtMillis, value, new byte[0], false);
    }

    /** A held batch part. */
    public static PendingEntry batch(long firstOffset, long heldAtMillis, byte[] batchId, boolean voted) {
        return new PendingEntry(firstOffset, 0, heldAtMillis, new byte[0], batchId, voted);
    }

    /** This entry, marked as voted. */
    public PendingEntry asVoted() {
        return new PendingEntry(offset, timestamp, heldAtMillis, value, batchId, true);
    }

    /** True for a held batch part. */
    public boolean isBatch() {
        return batchId.length == 16;
    }

    /** A copy of the value bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** A copy of the batch id. */
    @Override
    public byte[] batchId() {
        return batchId.clone();
    }

    /** The store value. */
    public byte[] encode() {
        return new Bin.Writer(37 + value.length + batchId.length).u8(VERSION).i64(offset).i64(timestamp)
                .i64(heldAtMillis).bytes(value).bytes(batchId).u8(voted ? 1 : 0).toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a pending entry of this release
     */
    public static PendingEntry decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "pending entry");
        in.version(VERSION);
        PendingEntry entry = new PendingEntry(in.i64(), in.i64(), in.i64(), in.bytes(), in.bytes(), in.u8() == 1);
        in.end();
        return entry;
    }

    /** Field-wise equality, the bytes by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PendingEntry p && offset == p.offset && timestamp == p.timestamp
                && heldAtMillis == p.heldAtMillis && Arrays.equals(value, p.value) && Arrays.equals(batchId, p.batchId)
                && voted == p.voted;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, heldAtMillis, Arrays.hashCode(value), Arrays.hashCode(batchId), voted);
    }

    /** Readable form without the bytes. */
    @Override
    public String toString() {
        return "PendingEntry[offset=" + offset + ", heldAtMillis=" + heldAtMillis + ", value=" + value.length
                + " bytes, batch=" + isBatch() + ", voted=" + voted + "]";
    }
}
