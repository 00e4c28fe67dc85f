package dev.batpak.kafka.sequencer.state;

/**
 * The sequencer's bookkeeping for one lane: how far it has read, what it last announced on the
 * frontier topic, how many idempotency keys it holds and its last HLC stamp.
 *
 * <p>Kept in a changelogged store (not in memory) so that a restarted or migrated task neither
 * re-announces an old frontier nor issues an HLC stamp below one it already sealed.
 *
 * @param lastOffset the last proposal offset processed (decided or buffered), -1 before the first
 * @param publishedOffset the offset last published for ACCEPTED and VISIBLE, -1 before the first
 * @param idempotencyKeys the number of idempotency entries recorded for this lane and not evicted
 * @param lastHlc the packed HLC of the last record the sequencer sealed on this lane
 */
public record LaneState(long lastOffset, long publishedOffset, long idempotencyKeys, long lastHlc) {

    private static final int VERSION = 1;

    /** The state of a lane that has seen nothing. */
    public static final LaneState EMPTY = new LaneState(-1, -1, 0, 0);

    /** Refuses a negative key count. */
    public LaneState {
        if (idempotencyKeys < 0) {
            throw new IllegalArgumentException("idempotencyKeys must be >= 0, got " + idempotencyKeys);
        }
    }

    /** This state with {@code lastOffset} replaced. */
    public LaneState withLastOffset(long offset) {
        return new LaneState(offset, publishedOffset, idempotencyKeys, lastHlc);
    }

    /** This state with {@code publishedOffset} replaced. */
    public LaneState withPublishedOffset(long offset) {
        return new LaneState(lastOffset, offset, idempotencyKeys, lastHlc);
    }

    /** This state with {@code idempotencyKeys} replaced. */
    public LaneState withIdempotencyKeys(long keys) {
        return new LaneState(lastOffset, publishedOffset, keys, lastHlc);
    }

    /** This state with {@code lastHlc} replaced. */
    public LaneState withLastHlc(long hlc) {
        return new LaneState(lastOffset, publishedOffset, idempotencyKeys, hlc);
    }

    /** The store value. */
    public byte[] encode() {
        return new Bin.Writer(33).u8(VERSION).i64(lastOffset).i64(publishedOffset).i64(idempotencyKeys).i64(lastHlc)
                .toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a lane state of this release
     */
    public static LaneState decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "lane state");
        in.version(VERSION);
        LaneState state = new LaneState(in.i64(), in.i64(), in.i64(), in.i64());
        in.end();
        return state;
    }
}
