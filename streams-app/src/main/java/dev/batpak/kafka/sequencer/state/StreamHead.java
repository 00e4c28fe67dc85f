package dev.batpak.kafka.sequencer.state;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The head of one {@code (entity, lane)} stream: what the next event of the stream chains to.
 *
 * <p>The sequencer reads it for the expected-sequence check (CAS), for the next clock and
 * prev hash, and to keep the stream's HLC strictly increasing; it replaces it in the same
 * transaction as the journal record it describes, so the head and the journal never disagree.
 *
 * @param clock the clock of the last event of the stream (from 0)
 * @param eventHash the event hash of that event (32 bytes)
 * @param hlc the packed HLC of that event
 * @param proposalOffset the proposal offset that event was sealed from
 * @param eventId the id of that event (16 bytes)
 */
public record StreamHead(long clock, byte[] eventHash, long hlc, long proposalOffset, byte[] eventId) {

    private static final int VERSION = 1;

    /** Validates the sizes and copies the arrays, so a head cannot change after it was read. */
    public StreamHead {
        if (clock < 0) {
            throw new IllegalArgumentException("clock must be >= 0, got " + clock);
        }
        eventHash = Objects.requireNonNull(eventHash, "eventHash").clone();
        eventId = Objects.requireNonNull(eventId, "eventId").clone();
        if (eventHash.length != 32 || eventId.length != 16) {
            throw new IllegalArgumentException("eventHash must be 32 bytes and eventId 16 bytes");
        }
    }

    /** A copy of the event hash. */
    @Override
    public byte[] eventHash() {
        return eventHash.clone();
    }

    /** A copy of the event id. */
    @Override
    public byte[] eventId() {
        return eventId.clone();
    }

    /** The store value. */
    public byte[] encode() {
        return new Bin.Writer(80).u8(VERSION).i64(clock).fixed(eventHash, 32).i64(hlc).i64(proposalOffset)
                .fixed(eventId, 16).toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a head of this release
     */
    public static StreamHead decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "stream head");
        in.version(VERSION);
        StreamHead head = new StreamHead(in.i64(), in.fixed(32), in.i64(), in.i64(), in.fixed(16));
        in.end();
        return head;
    }

    /** Field-wise equality, arrays by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StreamHead h && clock == h.clock && hlc == h.hlc
                && proposalOffset == h.proposalOffset && Arrays.equals(eventHash, h.eventHash)
                && Arrays.equals(eventId, h.eventId);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(clock, hlc, proposalOffset, Arrays.hashCode(eventHash), Arrays.hashCode(eventId));
    }

    /** Readable form with hex hashes. */
    @Override
    public String toString() {
        return "StreamHead[clock=" + clock + ", eventHash=" + HexFormat.of().formatHex(eventHash) + ", hlc=" + hlc
                + ", proposalOffset=" + proposalOffset + ", eventId=" + HexFormat.of().formatHex(eventId) + "]";
    }
}
