package dev.batpak.kafka.sequencer.state;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the sequencer decided for a keyed proposal, kept so that a retry under the same key gets
 * the original outcome instead of a second event.
 *
 * <p>The content hash is kept to tell a true retry (same bytes) from a different operation that
 * reused the key ({@code IDEMPOTENCY_CONFLICT}). {@code recordedAtOffset} places the entry on
 * the lane's proposal-offset axis, which is what the retention window is measured on.
 *
 * @param contentHash BLAKE3 of the original proposal's payload (32 bytes)
 * @param outcome committed or denied, with where to find the journal record
 * @param recordedAtOffset the proposal offset at which the decision was made
 * @param batchId the id of the batch the proposal was an item of (16 bytes), or empty when it
 *     was not part of a batch; lets a re-sent item of a decided batch be recognised as a retry
 */
public record IdempotencyEntry(byte[] contentHash, Outcome outcome, long recordedAtOffset, byte[] batchId) {

    private static final int VERSION = 1;
    private static final int COMMITTED = 1;
    private static final int DENIED = 2;

    /** Validates and copies the hash. */
    public IdempotencyEntry {
        contentHash = Objects.requireNonNull(contentHash, "contentHash").clone();
        if (contentHash.length != 32) {
            throw new IllegalArgumentException("contentHash must be 32 bytes");
        }
        Objects.requireNonNull(outcome, "outcome");
        batchId = Objects.requireNonNull(batchId, "batchId (empty for none)").clone();
        if (batchId.length != 0 && batchId.length != 16) {
            throw new IllegalArgumentException("batchId must be empty or 16 bytes");
        }
    }

    /** A copy of the batch id; empty when the proposal was not part of a batch. */
    @Override
    public byte[] batchId() {
        return batchId.clone();
    }

    /** True when the proposal was an item of batch {@code id}. */
    public boolean inBatch(byte[] id) {
        return batchId.length == 16 && Arrays.equals(batchId, id);
    }

    /** A copy of the content hash. */
    @Override
    public byte[] contentHash() {
        return contentHash.clone();
    }

    /** True when {@code hash} is the original content hash. */
    public boolean sameContent(byte[] hash) {
        return Arrays.equals(contentHash, hash);
    }

    /** The outcome of the original proposal. */
    public sealed interface Outcome permits Committed, Denied {

        /** The clock of the journal record that holds the outcome. */
        long clock();

        /** The proposal offset of the original proposal. */
        long proposalOffset();
    }

    /**
     * The original proposal was sealed as an event (whose id is the idempotency key).
     *
     * @param clock the event's clock
     * @param eventHash the event's hash (32 bytes)
     * @param proposalOffset the original proposal's offset
     */
    public record Committed(long clock, byte[] eventHash, long proposalOffset) implements Outcome {

        /** Validates and copies the hash. */
        public Committed {
            eventHash = Objects.requireNonNull(eventHash, "eventHash").clone();
            if (eventHash.length != 32) {
                throw new IllegalArgumentException("eventHash must be 32 bytes");
            }
        }

        /** A copy of the event hash. */
        @Override
        public byte[] eventHash() {
            return eventHash.clone();
        }

        /** Field-wise equality, the hash by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Committed c && clock == c.clock && proposalOffset == c.proposalOffset
                    && Arrays.equals(eventHash, c.eventHash);
        }

        /** Consistent with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return Objects.hash(clock, proposalOffset, Arrays.hashCode(eventHash));
        }

        /** Readable form with a hex hash. */
        @Override
        public String toString() {
            return "Committed[clock=" + clock + ", eventHash=" + HexFormat.of().formatHex(eventHash)
                    + ", proposalOffset=" + proposalOffset + "]";
        }
    }

    /**
     * The original proposal was denied; the denial event is on the same stream.
     *
     * @param code the denial code
     * @param denialEventId the id of the denial event (16 bytes)
     * @param clock the denial event's clock
     * @param proposalOffset the original proposal's offset
     */
    public record Denied(String code, byte[] denialEventId, long clock, long proposalOffset) implements Outcome {

        /** Validates and copies the id. */
        public Denied {
            Objects.requireNonNull(code, "code");
            denialEventId = Objects.requireNonNull(denialEventId, "denialEventId").clone();
            if (denialEventId.length != 16) {
                throw new IllegalArgumentException("denialEventId must be 16 bytes");
            }
        }

        /** A copy of the denial event's id. */
        @Override
        public byte[] denialEventId() {
            return denialEventId.clone();
        }

        /** Field-wise equality, the id by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Denied d && code.equals(d.code) && clock == d.clock
                    && proposalOffset == d.proposalOffset && Arrays.equals(denialEventId, d.denialEventId);
        }

        /** Consistent with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return Objects.hash(code, clock, proposalOffset, Arrays.hashCode(denialEventId));
        }

        /** Readable form with a hex id. */
        @Override
        public String toString() {
            return "Denied[code=" + code + ", denialEventId=" + HexFormat.of().formatHex(denialEventId)
                    + ", clock=" + clock + ", proposalOffset=" + proposalOffset + "]";
        }
    }

    /** The store value. */
    public byte[] encode() {
        Bin.Writer out = new Bin.Writer(112).u8(VERSION).fixed(contentHash, 32).i64(recordedAtOffset).bytes(batchId);
        if (outcome instanceof Committed c) {
            out.u8(COMMITTED).i64(c.clock()).fixed(c.eventHash, 32).i64(c.proposalOffset());
        } else {
            Denied d = (Denied) outcome;
            out.u8(DENIED).utf8(d.code()).fixed(d.denialEventId, 16).i64(d.clock()).i64(d.proposalOffset());
        }
        return out.toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not an entry of this release
     */
    public static IdempotencyEntry decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "idempotency entry");
        in.version(VERSION);
        byte[] contentHash = in.fixed(32);
        long recordedAt = in.i64();
        byte[] batchId = in.bytes();
        int tag = in.u8();
        Outcome outcome;
        if (tag == COMMITTED) {
            outcome = new Committed(in.i64(), in.fixed(32), in.i64());
        } else if (tag == DENIED) {
            outcome = new Denied(in.utf8(), in.fixed(16), in.i64(), in.i64());
        } else {
            throw new StateFormatException("idempotency entry: unknown outcome tag " + tag);
        }
        in.end();
        return new IdempotencyEntry(contentHash, outcome, recordedAt, batchId);
    }

    /** Field-wise equality, the hash by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyEntry e && recordedAtOffset == e.recordedAtOffset
                && outcome.equals(e.outcome) && Arrays.equals(contentHash, e.contentHash)
                && Arrays.equals(batchId, e.batchId);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(outcome, recordedAtOffset, Arrays.hashCode(contentHash), Arrays.hashCode(batchId));
    }

    /** Readable form with a hex hash. */
    @Override
    public String toString() {
        return "IdempotencyEntry[contentHash=" + HexFormat.of().formatHex(contentHash) + ", outcome=" + outcome
                + ", recordedAtOffset=" + recordedAtOffset + ", batchId=" + HexFormat.of().formatHex(batchId) + "]";
    }
}
