package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.schemas.codec.RecordArbitraries.Sample;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * PROPERTY: the codec's fast paths (the generated classes' custom coders over a reused binary
 * decoder and output buffer) agree byte for byte and value for value with Avro's own reference
 * single-object encoder and decoder, on valid records and on every mutation of them the codec
 * accepts; and they stay correct when many threads share one codec.
 */
class ReferenceEquivalenceTest {

    @Property(tries = 1000)
    void encodeIsAvrosSingleObjectEncoding(@ForAll("samples") Sample sample) throws Exception {
        ByteBuffer exact = reference(sample).encode(sample.record());
        byte[] expected = new byte[exact.remaining()];
        exact.get(expected);
        assertArrayEquals(expected, sample.bytes(),
                "PROPERTY: the codec writes exactly Avro's single-object encoding, for " + sample.entry());
    }

    @Property(tries = 1000)
    void decodeAgreesWithAvrosReferenceDecoder(@ForAll("samples") Sample sample) throws Exception {
        SpecificRecord fast = decode(sample.codec(), sample.bytes());
        SpecificRecord slow = referenceDecoder(sample).decode(sample.bytes());
        assertEquals(slow, fast, "PROPERTY: fast decode == Avro's decode, for " + sample.entry());
        assertEquals(sample.record(), fast, "PROPERTY: decode(encode(r)) == r, for " + sample.entry());
    }

    @Property(tries = 3000)
    void whatTheCodecAcceptsAvroReadsTheSame(@ForAll("samples") Sample sample,
                                              @ForAll("positions") List<Integer> positions,
                                              @ForAll("byteValues") List<Byte> values) throws Exception {
        byte[] bytes = sample.bytes().clone();
        int body = bytes.length - SingleObjectCodec.HEADER_LENGTH;
        for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
            int at = SingleObjectCodec.HEADER_LENGTH + positions.get(i) % body;
            bytes[at] = values.get(i);
        }
        SpecificRecord fast;
        try {
            fast = decode(sample.codec(), bytes);
        } catch (MalformedRecordException refused) {
            Statistics.label("outcome").collect("refused");
            return;
        }
        Statistics.label("outcome").collect("decoded");
        assertEquals(referenceDecoder(sample).decode(bytes), fast,
                "PROPERTY: whatever the fast decoder accepts, Avro's reference decoder reads to the same value ("
                        + sample.entry() + ")");
    }

    @Example
    void oneCodecSharedByManyThreadsStaysExact() throws Exception {
        List<Sample> samples = RecordArbitraries.samples().sampleStream().limit(200).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < samples.size(); i++) {
                            Sample s = samples.get((i + offset * 50) % samples.size());
                            assertEquals(s.record(), decode(s.codec(), s.bytes()), "decode under sharing");
                            assertArrayEquals(s.bytes(), encode(s.codec(), s.record()), "encode under sharing");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Provide
    Arbitrary<Sample> samples() {
        return RecordArbitraries.samples();
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Byte>> byteValues() {
        return Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(3);
    }

    @SuppressWarnings("unchecked")
    private static SpecificRecord decode(RecordCodec<?> codec, byte[] bytes) {
        return ((RecordCodec<SpecificRecord>) codec).decode(bytes);
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(RecordCodec<?> codec, SpecificRecord record) {
        return ((RecordCodec<SpecificRecord>) codec).encode(record);
    }

    private static BinaryMessageEncoder<SpecificRecord> reference(Sample sample) {
        SpecificData model = SpecificData.getForClass(sample.entry().type());
        return new BinaryMessageEncoder<>(model, sample.entry().schema());
    }

    private static BinaryMessageDecoder<SpecificRecord> referenceDecoder(Sample sample) {
        SpecificData model = SpecificData.getForClass(sample.entry().type());
        return new BinaryMessageDecoder<>(model, sample.entry().schema());
    }
}
