package dev.batpak.kafka.projection;

/**
 * Encodes a projection's state to bytes for its RocksDB store and changelog, and back.
 * {@code decode(encode(s))} must equal {@code s}; the encoding must be deterministic (equal
 * states give equal bytes), so rebuilt stores can be compared byte for byte.
 *
 * @param <S> the state type
 */
public interface StateCodec<S> {

    /** The bytes of {@code state}. */
    byte[] encode(S state);

    /** The state encoded in {@code bytes}. */
    S decode(byte[] bytes);

    /** A codec for {@code long} states (counters), 8 bytes big-endian. */
    static StateCodec<Long> longs() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(Long state) {
                return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(state).array();
            }

            @Override
            public Long decode(byte[] bytes) {
                if (bytes.length != Long.BYTES) {
                    throw new ProjectionException(ProjectionException.STATE_CODEC, "a long state is 8 bytes, got "
                            + bytes.length + "; the store was written by another codec: rebuild the projection");
                }
                return java.nio.ByteBuffer.wrap(bytes).getLong();
            }
        };
    }

    /** A codec for UTF-8 string states. */
    static StateCodec<String> strings() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(String state) {
                return state.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public String decode(byte[] bytes) {
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
        };
    }
}
