package dev.batpak.kafka.projection.internal;

import java.nio.ByteBuffer;

/**
 * What a projection task has done on its lane: the highest proposal offset it has folded
 * ({@code -1} before the first record) and the applied watermark it has published.
 *
 * @param maxProposalOffset the highest proposal offset seen in the journal
 * @param published the applied watermark published (exclusive), 0 before the first
 */
public record LaneProgress(long maxProposalOffset, long published) {

    /** Nothing seen, nothing published. */
    public static final LaneProgress NONE = new LaneProgress(-1, 0);

    /** The bytes stored. */
    public byte[] encode() {
        return ByteBuffer.allocate(16).putLong(maxProposalOffset).putLong(published).array();
    }

    /** Decodes stored bytes; null is {@link #NONE}. */
    public static LaneProgress decode(byte[] bytes) {
        if (bytes == null) {
            return NONE;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        return new LaneProgress(in.getLong(), in.getLong());
    }

    /** The store key of {@code lane}. */
    public static byte[] key(int lane) {
        return ByteBuffer.allocate(4).putInt(lane).array();
    }
}
