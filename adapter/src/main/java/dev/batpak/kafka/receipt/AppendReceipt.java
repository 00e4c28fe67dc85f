package dev.batpak.kafka.receipt;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.id.EventId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What {@code EventStore.append} returns once the broker has acknowledged the proposal: where it
 * went and how to wait for it. It proves the proposal is written and durable, not that it was
 * accepted; wait for {@code VISIBLE} to learn the sequencer's decision and get its signed
 * {@link CommitReceipt}.
 *
 * @param eventId the event's id (the idempotency key when one was given)
 * @param lane the lane (partition) the proposal went to
 * @param proposalOffset the proposal's offset in that lane; frontier waits are measured against it
 * @param hlc the submitter's hybrid logical clock stamp
 * @param contentHash BLAKE3 of the payload bytes
 */
public record AppendReceipt(EventId eventId, int lane, long proposalOffset, HlcTimestamp hlc, byte[] contentHash) {

    /** Validates and copies the hash. */
    public AppendReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(hlc, "hlc");
        if (lane < 0 || proposalOffset < 0) {
            throw new IllegalArgumentException("lane and proposal offset must be non-negative");
        }
        if (contentHash == null || contentHash.length != 32) {
            throw new IllegalArgumentException("contentHash must be 32 bytes");
        }
        contentHash = contentHash.clone();
    }

    /** A copy of the content hash. */
    @Override
    public byte[] contentHash() {
        return contentHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AppendReceipt other
                && eventId.equals(other.eventId)
                && lane == other.lane
                && proposalOffset == other.proposalOffset
                && hlc.equals(other.hlc)
                && Arrays.equals(contentHash, other.contentHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, lane, proposalOffset, hlc, Arrays.hashCode(contentHash));
    }

    @Override
    public String toString() {
        return "AppendReceipt[" + eventId + ", lane=" + lane + ", proposalOffset=" + proposalOffset + ", hlc=" + hlc
                + ", contentHash=" + HexFormat.of().formatHex(contentHash) + "]";
    }
}
