package dev.batpak.kafka.internal.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Blake3Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void emptyInputGivesTheOfficialVector() {
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                HEX.formatHex(Blake3.hash()), "PROPERTY: BLAKE3(\"\") is the official test vector");
        assertEquals("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
                HEX.formatHex(Blake3.hash(new byte[0])));
    }

    @Test
    void abcGivesTheOfficialVector() {
        assertEquals("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
                HEX.formatHex(Blake3.hash("abc".getBytes(StandardCharsets.US_ASCII))),
                "PROPERTY: BLAKE3(\"abc\") is the official test vector");
    }

    @Test
    void longInputSpanningManyChunksIsStable() {
        // 3 KiB crosses BLAKE3's 1 KiB chunk boundary twice, exercising the tree mode.
        byte[] input = new byte[3072];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i % 251);
        }
        // official test vector (input_len 3072) from the BLAKE3 repository's test_vectors.json
        assertEquals("b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
                HEX.formatHex(Blake3.hash(input)));
    }

    @Property
    void partsHashLikeTheirConcatenation(@ForAll byte[] a, @ForAll byte[] b, @ForAll byte[] c) {
        byte[] joined = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        System.arraycopy(c, 0, joined, a.length + b.length, c.length);
        assertArrayEquals(Blake3.hash(joined), Blake3.hash(a, b, c),
                "PROPERTY: hash(parts...) = hash(concatenation)");
        assertArrayEquals(Blake3.hash(joined), Blake3.newHasher().update(a).update(b).update(c).digest(),
                "PROPERTY: incremental = one-shot");
    }

    @Property
    void bufferUpdateHashesTheRemainingBytesAndKeepsThePosition(
            @ForAll byte[] data, @ForAll @IntRange(min = 0, max = 8) int skip, @ForAll boolean direct) {
        int start = Math.min(skip, data.length);
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(data.length) : ByteBuffer.allocate(data.length + 3).position(3).slice();
        buffer.put(data).flip().position(start);
        byte[] expected = java.util.Arrays.copyOfRange(data, start, data.length);
        assertArrayEquals(Blake3.hash(expected), Blake3.newHasher().update(buffer).digest());
        assertEquals(start, buffer.position(), "PROPERTY: hashing a buffer does not consume it");
    }

    @Test
    void aFinishedHasherRefusesMoreInput() {
        Blake3.Hasher hasher = Blake3.newHasher();
        hasher.digest();
        assertThrows(IllegalStateException.class, () -> hasher.update(new byte[1]));
        assertThrows(IllegalStateException.class, hasher::digest);
    }
}
