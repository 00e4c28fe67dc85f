package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a stateful gate sees when the sequencer asks it about one proposal: the proposal as the
 * caller wrote it, where it sits in its lane, and the current head of its stream.
 *
 * <p>Stateful gates ({@code Gate<ProposalContext>}) run inside the sequencer because the state
 * they need is there and only there: the stream head is read and replaced in the same
 * exactly-once transaction as the event the gate lets through, so a gate that checks "the
 * stream has at most n events" or "the previous event was written less than a second ago" can
 * never race another writer. For a batch the head is the running head: an item sees the items
 * of the same stream that come before it in the batch.
 *
 * <p>Gates must be pure (see {@link dev.batpak.kafka.gate.Gate}); every accessor that exposes
 * bytes returns a copy, so a gate cannot change what the next gate or the journal sees.
 *
 * @param eventId the proposed event id (the idempotency key when {@code keyed})
 * @param keyed true when {@code eventId} is the caller's idempotency key
 * @param coordinate where the event would live
 * @param kind the proposed kind (never reserved: reserved kinds are refused before the gates)
 * @param payload the payload bytes with their declared encoding and registry schema id
 * @param payloadVersion the caller's payload schema version, 0 when untyped
 * @param correlation the correlation id
 * @param causes the causation parents, primary first
 * @param extensions the receipt extensions, sorted by key
 * @param flags the caller's flags, stored and not interpreted
 * @param hlc the submitter's HLC stamp
 * @param lane the lane (partition) the proposal arrived on
 * @param proposalOffset the proposal's offset in its lane
 * @param head the stream {@code (entity, lane)} as it stands before this proposal
 */
public record ProposalContext(
        EventId eventId,
        boolean keyed,
        Coordinate coordinate,
        EventKind kind,
        Payload payload,
        int payloadVersion,
        CorrelationId correlation,
        List<CausationId> causes,
        SortedMap<String, byte[]> extensions,
        int flags,
        HlcTimestamp hlc,
        int lane,
        long proposalOffset,
        StreamView head) {

    /** Validates and freezes the parts. */
    public ProposalContext {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(correlation, "correlation");
        causes = List.copyOf(causes);
        TreeMap<String, byte[]> copy = new TreeMap<>();
        extensions.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "extension key"), v.clone()));
        extensions = Collections.unmodifiableSortedMap(copy);
        Objects.requireNonNull(hlc, "hlc");
        Objects.requireNonNull(head, "head");
        if (lane < 0 || proposalOffset < 0) {
            throw new IllegalArgumentException("lane and proposalOffset must be >= 0, got " + lane + " and "
                    + proposalOffset);
        }
    }

    /** The extensions, sorted by key, each value a copy. */
    @Override
    public SortedMap<String, byte[]> extensions() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        extensions.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The payload bytes (a copy); shorthand for {@code payload().bytes()}. */
    public byte[] payloadBytes() {
        return payload.bytes();
    }

    /** The clock this proposal's event would get: the head's clock + 1, or 0 for a new stream. */
    public long nextClock() {
        return head.exists() ? head.clock() + 1 : 0;
    }

    /** Compares extensions by content. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ProposalContext c)) {
            return false;
        }
        if (!extensions.keySet().equals(c.extensions.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : extensions.entrySet()) {
            if (!Arrays.equals(e.getValue(), c.extensions.get(e.getKey()))) {
                return false;
            }
        }
        return eventId.equals(c.eventId) && keyed == c.keyed && coordinate.equals(c.coordinate)
                && kind.equals(c.kind) && payload.equals(c.payload) && payloadVersion == c.payloadVersion
                && correlation.equals(c.correlation) && causes.equals(c.causes) && flags == c.flags
                && hlc.equals(c.hlc) && lane == c.lane && proposalOffset == c.proposalOffset && head.equals(c.head);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(eventId, coordinate, kind, payload, lane, proposalOffset, head);
    }

    /** Readable form without payload bytes. */
    @Override
    public String toString() {
        return "ProposalContext[" + eventId + (keyed ? " (keyed)" : "") + " at " + coordinate + ", kind " + kind
                + ", " + payload.size() + " payload bytes, lane " + lane + ", offset " + proposalOffset + ", head "
                + head + "]";
    }

    /**
     * The stream a proposal would extend, as it stands before the proposal.
     *
     * @param exists false for a stream with no event yet
     * @param clock the head event's clock, -1 when the stream is empty
     * @param eventHash the head event's hash (32 bytes), zeros when the stream is empty
     * @param hlc the head event's HLC, {@link HlcTimestamp#ZERO} when the stream is empty
     */
    public record StreamView(boolean exists, long clock, byte[] eventHash, HlcTimestamp hlc) {

        /** The view of a stream with no event. */
        public static final StreamView EMPTY = new StreamView(false, -1, new byte[32], HlcTimestamp.ZERO);

        /** Validates and copies the hash. */
        public StreamView {
            eventHash = Objects.requireNonNull(eventHash, "eventHash").clone();
            if (eventHash.length != 32) {
                throw new IllegalArgumentException("eventHash must be 32 bytes, got " + eventHash.length);
            }
            Objects.requireNonNull(hlc, "hlc");
            if (exists != clock >= 0) {
                throw new IllegalArgumentException("a stream exists exactly when its head clock is >= 0 (exists="
                        + exists + ", clock=" + clock + ")");
            }
        }

        /** A copy of the head event's hash. */
        @Override
        public byte[] eventHash() {
            return eventHash.clone();
        }

        /** Compares the hash by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof StreamView v && exists == v.exists && clock == v.clock && hlc.equals(v.hlc)
                    && Arrays.equals(eventHash, v.eventHash);
        }

        /** Consistent with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return Objects.hash(exists, clock, hlc, Arrays.hashCode(eventHash));
        }

        /** Readable form with a hex hash. */
        @Override
        public String toString() {
            return exists ? "clock " + clock + " hash " + HexFormat.of().formatHex(eventHash) + " hlc " + hlc : "empty";
        }
    }
}
