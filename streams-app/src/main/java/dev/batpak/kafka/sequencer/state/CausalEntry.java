package dev.batpak.kafka.sequencer.state;

/**
 * One entry of the cross-lane causal index: what every sequencer instance knows about an event
 * id decided on any lane, once the decision has committed.
 *
 * <p>Written by the deciding lane to {@code <store>.causal-index} (compacted, key = event id) in
 * the same exactly-once transaction as the journal record, and read by every instance as a Kafka
 * Streams global store. It also carries the votes of the lanes of a cross-lane batch
 * ({@link #voteKey(byte[], int)}). Global consumers read {@code read_committed} under exactly-once, so an
 * entry is seen only once its journal record is visible: that is what lets a child on another
 * lane wait for its parent's visibility.
 *
 * @param status whether the id was sealed into the journal or its proposal was denied
 * @param lane the lane that decided it
 * @param proposalOffset the proposal's offset in that lane
 * @param hlc the packed HLC of the journal record (the sealed event, or the denial)
 */
public record CausalEntry(Status status, int lane, long proposalOffset, long hlc) {

    private static final int VERSION = 1;

    /** What happened to the id. */
    public enum Status {
        /** A journal record with this id exists (an event, or a denial record itself). */
        SEALED,
        /** The proposal carrying this id was denied; no event with this id exists. */
        DENIED,
        /**
         * A batch part vote (key: batch id ‖ lane): the lane's part of a cross-lane batch passed
         * every check and is held until every lane of the batch has voted. Never changes.
         */
        PART_ACCEPTED,
        /** A batch part vote: the lane denied its part, so every part of the batch is denied. Never changes. */
        PART_DENIED
    }

    /** The index key of lane {@code lane}'s vote on batch {@code batchId}: batch id (16) ‖ lane u32. */
    public static org.apache.kafka.common.utils.Bytes voteKey(byte[] batchId, int lane) {
        return org.apache.kafka.common.utils.Bytes.wrap(java.nio.ByteBuffer.allocate(20).put(batchId).putInt(lane)
                .array());
    }

    /** Validates. */
    public CausalEntry {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
    }

    /** The topic and store value. */
    public byte[] encode() {
        return new Bin.Writer(22).u8(VERSION).u8(status.ordinal()).i32(lane).i64(proposalOffset).i64(hlc)
                .toByteArray();
    }

    /**
     * Reads a topic or store value.
     *
     * @throws StateFormatException if the bytes are not a causal index entry of this release
     */
    public static CausalEntry decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "causal index entry");
        in.version(VERSION);
        int status = in.u8();
        if (status >= Status.values().length) {
            throw new StateFormatException("causal index entry has unknown status " + status);
        }
        CausalEntry entry = new CausalEntry(Status.values()[status], in.i32(), in.i64(), in.i64());
        in.end();
        return entry;
    }
}
