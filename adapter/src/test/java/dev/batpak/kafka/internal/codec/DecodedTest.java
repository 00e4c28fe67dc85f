package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.Proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.testing.SampleRecords;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** {@link Decoded}: a total decode result that carries the raw bytes of what failed. */
class DecodedTest {

    @Test
    void validBytesAreOk() {
        Proposal p = SampleRecords.proposal("order-1");
        Decoded<Proposal> decoded = Decoded.of(Codecs.PROPOSAL, Codecs.PROPOSAL.encode(p));
        assertTrue(decoded.isOk());
        assertEquals(Optional.of(p), decoded.toOptional());
        assertEquals(Decoded.ok(p), decoded);
    }

    @Test
    void garbageIsMalformedWithTheCodecsReasonAndTheRawBytes() {
        byte[] garbage = {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 1};
        Decoded<Proposal> decoded = Decoded.of(Codecs.PROPOSAL, garbage);
        assertFalse(decoded.isOk());
        assertEquals(Optional.empty(), decoded.toOptional());
        Decoded.Malformed<Proposal> malformed = (Decoded.Malformed<Proposal>) decoded;
        assertEquals("UNKNOWN_SCHEMA", malformed.code());
        assertTrue(malformed.reason().startsWith("UNKNOWN_SCHEMA: fingerprint "), malformed.reason());
        assertArrayEquals(garbage, malformed.raw());
    }

    @Test
    void nullBytesAreMalformedEmpty() {
        Decoded.Malformed<Proposal> malformed = (Decoded.Malformed<Proposal>) Decoded.of(Codecs.PROPOSAL, null);
        assertEquals("EMPTY", malformed.code());
        assertEquals(0, malformed.raw().length);
    }

    @Test
    void malformedCopiesItsBytesAndComparesThemByContent() {
        byte[] raw = {1, 2, 3};
        Decoded.Malformed<Proposal> a = new Decoded.Malformed<>("BAD_HEADER: x", raw);
        raw[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.raw(), "later changes to the caller's array do not show");
        a.raw()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.raw(), "the accessor hands out a copy");
        Decoded.Malformed<Proposal> b = new Decoded.Malformed<>("BAD_HEADER: x", new byte[] {1, 2, 3});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Decoded.Malformed<>("BAD_HEADER: y", new byte[] {1, 2, 3}));
        assertTrue(a.toString().contains("010203"), a.toString());
        assertEquals("BAD_HEADER", a.code());
        assertEquals("NO_COLON", new Decoded.Malformed<>("NO_COLON", new byte[0]).code());
    }

    @Test
    void okRequiresAValue() {
        assertThrows(NullPointerException.class, () -> Decoded.ok(null));
    }

    @Test
    void aCodecThatBreaksItsContractStillYieldsMalformed() {
        RecordCodec<Proposal> broken = new RecordCodec<>() {
            @Override
            public Schema schema() {
                return Proposal.getClassSchema();
            }

            @Override
            public byte[] encode(Proposal record) {
                return new byte[0];
            }

            @Override
            public Proposal decode(byte[] bytes) {
                throw new IllegalStateException("boom");
            }
        };
        Decoded.Malformed<Proposal> malformed = (Decoded.Malformed<Proposal>) Decoded.of(broken, new byte[] {7});
        assertEquals("CODEC_DEFECT", malformed.code());
        assertTrue(malformed.reason().contains("boom"), malformed.reason());
        assertArrayEquals(new byte[] {7}, malformed.raw());
    }
}
