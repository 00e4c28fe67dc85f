package dev.batpak.kafka.read;

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
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sealed event as the journal holds it: identity, position in its stream, chain links and
 * payload. Denials are stored events too (kind {@code SYSTEM_DENIAL}), so a denied proposal is as
 * verifiable as an accepted one.
 *
 * @param eventId the event's id
 * @param coordinate where it lives
 * @param kind its kind
 * @param lane its lane (journal partition)
 * @param clock its position in the stream (entity, lane), dense from 0
 * @param payload the payload with its encoding
 * @param payloadVersion the payload version (0 = untyped)
 * @param correlationId its correlation group
 * @param causes its causation parents, primary first
 * @param flags the caller's flag bits
 * @param extensions the receipt extensions, sorted by key
 * @param hlc the sealed hybrid logical clock stamp
 * @param prevHash the previous event's hash in the stream (zeros at clock 0)
 * @param eventHash this event's hash
 * @param proposalOffset the offset of the proposal it was sealed from
 * @param journalOffset its offset in the journal partition
 */
public record StoredEvent(EventId eventId, Coordinate coordinate, EventKind kind, int lane, long clock,
        Payload payload, int payloadVersion, CorrelationId correlationId, List<CausationId> causes, int flags,
        SortedMap<String, byte[]> extensions, HlcTimestamp hlc, byte[] prevHash, byte[] eventHash,
        long proposalOffset, long journalOffset) {

    /** Validates and copies. */
    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(hlc, "hlc");
        causes = List.copyOf(causes);
        SortedMap<String, byte[]> copy = new TreeMap<>();
        extensions.forEach((k, v) -> copy.put(k, v.clone()));
        extensions = Collections.unmodifiableSortedMap(copy);
        if (prevHash.length != 32 || eventHash.length != 32) {
            throw new IllegalArgumentException("hashes are 32 bytes");
        }
        prevHash = prevHash.clone();
        eventHash = eventHash.clone();
    }

    /** True for the first event of its stream (clock 0, zero previous hash). */
    public boolean isGenesis() {
        return clock == 0;
    }

    /** A copy of the previous hash. */
    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    /** A copy of the event hash. */
    @Override
    public byte[] eventHash() {
        return eventHash.clone();
    }

    /** The primary cause, if any. */
    public java.util.Optional<CausationId> primaryCause() {
        return causes.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(causes.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredEvent other && eventId.equals(other.eventId) && lane == other.lane
                && clock == other.clock && journalOffset == other.journalOffset
                && Arrays.equals(eventHash, other.eventHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, lane, clock, journalOffset);
    }

    @Override
    public String toString() {
        return "StoredEvent[" + eventId + " " + coordinate + " kind=" + kind + " lane=" + lane + " clock=" + clock
                + " hash=" + HexFormat.of().formatHex(eventHash, 0, 8) + "…]";
    }
}
