package dev.batpak.kafka.projection.internal;

import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionPosition;
import java.nio.ByteBuffer;

/**
 * The value of an entity in a projection store: format byte 1, version (u64), lane (u32),
 * journal offset (u64), proposal offset (u64), then the state bytes.
 *
 * @param version events folded so far
 * @param position the last event folded
 * @param state the encoded state
 */
public record StoredState(long version, ProjectionPosition position, byte[] state) {

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 8 + 4 + 8 + 8;

    /** The bytes stored. */
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + state.length).put(FORMAT).putLong(version).putInt(position.lane())
                .putLong(position.journalOffset()).putLong(position.proposalOffset()).put(state).array();
    }

    /**
     * Decodes stored bytes.
     *
     * @throws ProjectionException ({@code PROJECTION_STATE_CODEC}) if they are not in this format
     */
    public static StoredState decode(byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != FORMAT) {
            throw new ProjectionException(ProjectionException.STATE_CODEC, "a projection store value has an unknown"
                    + " format (" + bytes.length + " bytes); rebuild the projection");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.get();
        long version = in.getLong();
        ProjectionPosition position = ProjectionPosition.of(in.getInt(), in.getLong(), in.getLong());
        byte[] state = new byte[in.remaining()];
        in.get(state);
        return new StoredState(version, position, state);
    }
}
