package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.batpak.kafka.schemas.codec.RecordArbitraries.Sample;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.specific.SpecificRecord;

/**
 * PROPERTY: decoding is total. Any byte array gives a record or a {@link MalformedRecordException},
 * never another exception, never an out-of-memory; and whatever decodes is a faithful record that
 * encodes and decodes again to itself.
 */
class DecodeTotalityTest {

    @Property(tries = 2000)
    void arbitraryBytesDecodeOrFailTyped(@ForAll SchemaCatalog entry,
                                         @ForAll("arbitraryBytes") byte[] bytes) {
        decodeTotally(Codecs.forEntry(entry), bytes);
    }

    @Property(tries = 3000)
    void arbitraryBodiesBehindAValidHeaderDecodeOrFailTyped(@ForAll SchemaCatalog entry,
                                                            @ForAll("arbitraryBytes") byte[] body) {
        byte[] header = AvroBytes.singleObject(entry.fingerprint()).build();
        byte[] bytes = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, bytes, header.length, body.length);
        decodeTotally(Codecs.forEntry(entry), bytes);
    }

    @Property(tries = 5000)
    void mutatedValidEncodingsDecodeOrFailTyped(@ForAll("samples") Sample sample,
                                                @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = sample.bytes();
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        decodeTotally(sample.codec(), bytes);
    }

    @Property(tries = 500)
    void everyPrefixOfAValidEncodingFailsTyped(@ForAll("samples") Sample sample) {
        for (int length = 0; length < sample.bytes().length; length++) {
            byte[] prefix = Arrays.copyOf(sample.bytes(), length);
            try {
                sample.codec().decode(prefix);
                fail("PROPERTY: a strict prefix (" + length + " of " + sample.bytes().length
                        + " bytes) of a valid " + sample.entry() + " decoded");
            } catch (MalformedRecordException expected) {
                // a prefix is incomplete by construction
            }
        }
    }

    private static void decodeTotally(RecordCodec<?> anyCodec, byte[] bytes) {
        @SuppressWarnings("unchecked")
        RecordCodec<SpecificRecord> codec = (RecordCodec<SpecificRecord>) anyCodec;
        SpecificRecord decoded;
        try {
            decoded = codec.decode(bytes);
        } catch (MalformedRecordException e) {
            Statistics.label("outcome").collect(e.reason());
            return;
        } catch (Throwable t) {
            throw new AssertionError("PROPERTY: decode is total broke: " + codec.schema().getName()
                    + " threw " + t + " instead of MalformedRecordException on " + bytes.length + " bytes", t);
        }
        Statistics.label("outcome").collect("DECODED");
        byte[] again;
        try {
            again = codec.encode(decoded);
        } catch (RecordEncodingException e) {
            throw new AssertionError("PROPERTY: whatever decodes re-encodes broke: " + e.getMessage(), e);
        }
        assertEquals(decoded, codec.decode(again),
                "PROPERTY: whatever decodes survives a second round trip broke for " + codec.schema().getName());
    }

    @Provide
    Arbitrary<byte[]> arbitraryBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of((byte) 0xff, (byte) 0x80, (byte) 0x7f, (byte) 0x00, (byte) 0x01, (byte) 0xc3)
                        .array(byte[].class).ofMaxSize(40));
    }

    @Provide
    Arbitrary<Sample> samples() {
        return RecordArbitraries.samples();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 1 << 16);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 255);
        // mostly behind the header: a broken header is one cheap check, the body is where the guard works
        Arbitrary<Boolean> keepHeader = Arbitraries.of(true, true, true, true, false);
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Mutation.Kind.class), where, value, keepHeader)
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** One edit of an encoding; positions wrap around the current length (or the body's, to keep the header). */
    record Mutation(Kind kind, int where, int value, boolean keepHeader) {

        enum Kind { SET, FLIP_BIT, INSERT, DELETE, TRUNCATE, HUGE_VARINT, APPEND }

        byte[] apply(byte[] bytes) {
            int header = SingleObjectCodec.HEADER_LENGTH;
            int at = keepHeader && bytes.length > header
                    ? header + where % (bytes.length - header)
                    : bytes.length == 0 ? 0 : where % bytes.length;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (kind) {
                case SET -> {
                    byte[] copy = bytes.clone();
                    if (copy.length > 0) {
                        copy[at] = (byte) value;
                    }
                    return copy;
                }
                case FLIP_BIT -> {
                    byte[] copy = bytes.clone();
                    if (copy.length > 0) {
                        copy[at] ^= (byte) (1 << (value & 7));
                    }
                    return copy;
                }
                case INSERT -> {
                    out.write(bytes, 0, at);
                    out.write(value);
                    out.write(bytes, at, bytes.length - at);
                    return out.toByteArray();
                }
                case DELETE -> {
                    if (bytes.length == 0) {
                        return bytes;
                    }
                    out.write(bytes, 0, at);
                    out.write(bytes, at + 1, bytes.length - at - 1);
                    return out.toByteArray();
                }
                case TRUNCATE -> {
                    return Arrays.copyOf(bytes, at);
                }
                case HUGE_VARINT -> {
                    // a varint declaring a length or count far beyond the input, in place of what was there
                    byte[] huge = new AvroBytes().varLong((value % 2 == 0 ? 1L : -1L) * ((1L << (20 + value % 43)) - 1)).build();
                    out.write(bytes, 0, at);
                    out.write(huge, 0, huge.length);
                    int skip = Math.min(bytes.length - at, 1 + value % 3);
                    out.write(bytes, at + skip, bytes.length - at - skip);
                    return out.toByteArray();
                }
                case APPEND -> {
                    out.write(bytes, 0, bytes.length);
                    out.write(value);
                    return out.toByteArray();
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }
}
