package dev.batpak.kafka.internal.hash;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * BLAKE3 with a 32-byte output, the one hash function of batpak-kafka (event hashes, content
 * hashes, receipt covers, key ids).
 *
 * <p>Why one place: every hash that ends up in the journal or in a signature must be computed
 * the same way by the sequencer, the adapter and the {@code verify} command. Routing all of them
 * through this class pins the implementation (BouncyCastle {@link Blake3Digest}, unkeyed, 256-bit
 * output) so that nobody hashes with a different digest size or mode by accident.
 */
public final class Blake3 {

    /** Length in bytes of every digest this class produces. */
    public static final int DIGEST_LENGTH = 32;

    private Blake3() {}

    /**
     * Hashes the concatenation of {@code parts}. Concatenation is not length-prefixed: callers
     * that hash several variable-length fields must frame them themselves (see
     * {@link CanonicalEncoder}).
     *
     * @return a new 32-byte array
     */
    public static byte[] hash(byte[]... parts) {
        Objects.requireNonNull(parts, "parts");
        Hasher hasher = newHasher();
        for (byte[] part : parts) {
            hasher.update(part);
        }
        return hasher.digest();
    }

    /** Starts an incremental hash; feed it with {@code update} and finish with {@code digest}. */
    public static Hasher newHasher() {
        return new Hasher();
    }

    /**
     * Per-thread spare digests. A {@link Blake3Digest} allocates its chaining and block state
     * (about a kilobyte); the sequencer hashes several times per event, so finished digests are
     * reset and kept for the thread's next hasher instead of being garbage. A hasher that is never
     * finished simply does not return its digest. A digest in the pool belongs to no hasher.
     */
    private static final class Pool {
        private static final int KEEP = 4;
        private static final ThreadLocal<ArrayDeque<Blake3Digest>> SPARE = ThreadLocal.withInitial(ArrayDeque::new);

        private Pool() {}

        static Blake3Digest take() {
            Blake3Digest spare = SPARE.get().pollFirst();
            return spare != null ? spare : new Blake3Digest(DIGEST_LENGTH * 8);
        }

        static void give(Blake3Digest digest) {
            ArrayDeque<Blake3Digest> spare = SPARE.get();
            if (spare.size() < KEEP) {
                digest.reset();
                spare.addFirst(digest);
            }
        }
    }

    /**
     * An incremental BLAKE3 computation, for inputs that arrive in pieces (a header built field by
     * field followed by a payload buffer) so they need not be copied into one array first.
     *
     * <p>Not thread-safe and single-use: {@link #digest()} finishes it, and any later call fails
     * with {@link IllegalStateException}, so a half-reused hasher can never produce a digest of
     * the wrong input.
     */
    public static final class Hasher {

        private Blake3Digest digest = Pool.take();
        private boolean finished;

        private Hasher() {}

        /** Feeds all of {@code bytes}. */
        public Hasher update(byte[] bytes) {
            Objects.requireNonNull(bytes, "bytes");
            return update(bytes, 0, bytes.length);
        }

        /** Feeds {@code length} bytes of {@code bytes} starting at {@code offset}. */
        public Hasher update(byte[] bytes, int offset, int length) {
            Objects.requireNonNull(bytes, "bytes");
            Objects.checkFromIndexSize(offset, length, bytes.length);
            ensureOpen();
            digest.update(bytes, offset, length);
            return this;
        }

        /**
         * Feeds the remaining bytes of {@code buffer} (position to limit) without moving the
         * buffer's position, so a record's payload buffer can be hashed and still be read later.
         */
        public Hasher update(ByteBuffer buffer) {
            Objects.requireNonNull(buffer, "buffer");
            ensureOpen();
            ByteBuffer view = buffer.duplicate();
            if (view.hasArray()) {
                digest.update(view.array(), view.arrayOffset() + view.position(), view.remaining());
            } else {
                byte[] chunk = new byte[Math.min(8192, Math.max(1, view.remaining()))];
                while (view.hasRemaining()) {
                    int n = Math.min(chunk.length, view.remaining());
                    view.get(chunk, 0, n);
                    digest.update(chunk, 0, n);
                }
            }
            return this;
        }

        /** Finishes the computation and returns the 32-byte digest. */
        public byte[] digest() {
            ensureOpen();
            finished = true;
            byte[] out = new byte[DIGEST_LENGTH];
            digest.doFinal(out, 0);
            Pool.give(digest);
            digest = null;
            return out;
        }

        private void ensureOpen() {
            if (finished) {
                throw new IllegalStateException("this BLAKE3 hasher has already produced its digest; start a new one");
            }
        }
    }
}
