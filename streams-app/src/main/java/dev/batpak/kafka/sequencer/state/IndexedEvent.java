package dev.batpak.kafka.sequencer.state;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where an event (or a denial) of the journal is and what it is, keyed by its event id.
 *
 * <p>The sequencer uses it to refuse a second event with an id that is already in the lane, and
 * to answer a keyed retry whose idempotency entry has left the retention window (the event
 * itself is still indexed). Readers use it to find an event by id without scanning the journal:
 * {@code (lane, proposalOffset)} and {@code (entity, lane, clock)} both locate it.
 *
 * @param lane the lane (journal partition)
 * @param clock the event's clock in its stream
 * @param proposalOffset the proposal offset it was sealed from
 * @param hlc the packed HLC it was sealed with
 * @param eventHash its event hash (32 bytes)
 * @param contentHash BLAKE3 of its payload (32 bytes)
 * @param kind the raw 16-bit kind
 * @param entity the coordinate's entity
 * @param scope the coordinate's scope
 * @param batchId the id of the batch the event was an item of (16 bytes), or empty
 */
public record IndexedEvent(int lane, long clock, long proposalOffset, long hlc, byte[] eventHash,
        byte[] contentHash, int kind, String entity, String scope, byte[] batchId) {

    private static final int VERSION = 1;

    /** Validates and copies the hashes. */
    public IndexedEvent {
        eventHash = Objects.requireNonNull(eventHash, "eventHash").clone();
        contentHash = Objects.requireNonNull(contentHash, "contentHash").clone();
        if (eventHash.length != 32 || contentHash.length != 32) {
            throw new IllegalArgumentException("eventHash and contentHash must be 32 bytes");
        }
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(scope, "scope");
        batchId = Objects.requireNonNull(batchId, "batchId (empty for none)").clone();
        if (batchId.length != 0 && batchId.length != 16) {
            throw new IllegalArgumentException("batchId must be empty or 16 bytes");
        }
    }

    /** A copy of the batch id; empty when the event was not part of a batch. */
    @Override
    public byte[] batchId() {
        return batchId.clone();
    }

    /** True when the event was an item of batch {@code id}. */
    public boolean inBatch(byte[] id) {
        return batchId.length == 16 && Arrays.equals(batchId, id);
    }

    /** A copy of the event hash. */
    @Override
    public byte[] eventHash() {
        return eventHash.clone();
    }

    /** A copy of the content hash. */
    @Override
    public byte[] contentHash() {
        return contentHash.clone();
    }

    /** True when {@code hash} is this event's content hash. */
    public boolean sameContent(byte[] hash) {
        return Arrays.equals(contentHash, hash);
    }

    /** The store value. */
    public byte[] encode() {
        return new Bin.Writer(128 + entity.length() + scope.length()).u8(VERSION).i32(lane).i64(clock)
                .i64(proposalOffset).i64(hlc).fixed(eventHash, 32).fixed(contentHash, 32).i32(kind)
                .utf8(entity).utf8(scope).bytes(batchId).toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not an index entry of this release
     */
    public static IndexedEvent decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "event index entry");
        in.version(VERSION);
        IndexedEvent event = new IndexedEvent(in.i32(), in.i64(), in.i64(), in.i64(), in.fixed(32), in.fixed(32),
                in.i32(), in.utf8(), in.utf8(), in.bytes());
        in.end();
        return event;
    }

    /** Field-wise equality, hashes by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IndexedEvent e && lane == e.lane && clock == e.clock
                && proposalOffset == e.proposalOffset && hlc == e.hlc && kind == e.kind
                && entity.equals(e.entity) && scope.equals(e.scope) && Arrays.equals(eventHash, e.eventHash)
                && Arrays.equals(contentHash, e.contentHash) && Arrays.equals(batchId, e.batchId);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(lane, clock, proposalOffset, hlc, kind, entity, scope, Arrays.hashCode(eventHash),
                Arrays.hashCode(contentHash), Arrays.hashCode(batchId));
    }

    /** Readable form with hex hashes. */
    @Override
    public String toString() {
        return "IndexedEvent[lane=" + lane + ", clock=" + clock + ", proposalOffset=" + proposalOffset
                + ", hlc=" + hlc + ", eventHash=" + HexFormat.of().formatHex(eventHash) + ", contentHash="
                + HexFormat.of().formatHex(contentHash) + ", kind=" + kind + ", entity=" + entity
                + ", scope=" + scope + ", batchId=" + HexFormat.of().formatHex(batchId) + "]";
    }
}
