package dev.batpak.kafka.sequencer.internal;

import dev.batpak.kafka.internal.hash.Blake3;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The event id of a denial, derived from what it denies.
 *
 * <p>{@code BLAKE3("batpak-kafka/denial-id/v1" ‖ proposal event id (16, zeros if undecodable) ‖
 * lane u32 ‖ proposal offset u64)}, first 16 bytes, with the UUID version set to 8 and the RFC
 * 9562 variant. Deterministic so that a sequencer that replays a proposal after a crash writes
 * the same denial record, and unique because (lane, proposal offset) never repeats.
 */
public final class DenialIds {

    private static final byte[] DOMAIN = "batpak-kafka/denial-id/v1".getBytes(StandardCharsets.US_ASCII);

    private DenialIds() {
    }

    /** The 16-byte denial event id. */
    public static byte[] derive(byte[] proposalEventId, int lane, long proposalOffset) {
        byte[] id = proposalEventId == null ? new byte[16] : proposalEventId;
        if (id.length != 16) {
            throw new IllegalArgumentException("a proposal event id is 16 bytes, got " + id.length);
        }
        byte[] position = ByteBuffer.allocate(12).putInt(lane).putLong(proposalOffset).array();
        byte[] digest = Blake3.hash(DOMAIN, id, position);
        byte[] out = new byte[16];
        System.arraycopy(digest, 0, out, 0, 16);
        out[6] = (byte) ((out[6] & 0x0F) | 0x80);
        out[8] = (byte) ((out[8] & 0x3F) | 0x80);
        return out;
    }
}
