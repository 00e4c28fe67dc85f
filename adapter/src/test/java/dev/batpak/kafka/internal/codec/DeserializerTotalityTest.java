package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.testing.SampleRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * PROPERTY: a deserializer never throws. Every non-null value, however broken, becomes a non-null
 * {@link Decoded}, and a {@code Malformed} one carries exactly the bytes received.
 */
class DeserializerTotalityTest {

    private static final List<Deserializer<? extends Decoded<?>>> DESERIALIZERS =
            List.of(new ProposalDeserializer(), new JournalEventDeserializer(), new FrontierPointDeserializer());

    @Property(tries = 1000)
    void arbitraryBytesNeverThrow(@ForAll("values") byte[] value) {
        for (Deserializer<? extends Decoded<?>> deserializer : DESERIALIZERS) {
            check(deserializer, value);
        }
    }

    @Property(tries = 1000)
    void damagedValidValuesNeverThrow(@ForAll("damaged") byte[] value) {
        for (Deserializer<? extends Decoded<?>> deserializer : DESERIALIZERS) {
            check(deserializer, value);
        }
    }

    private static void check(Deserializer<? extends Decoded<?>> deserializer, byte[] value) {
        Decoded<?> decoded;
        try {
            decoded = deserializer.deserialize("t", value);
        } catch (Throwable t) {
            throw new AssertionError("PROPERTY: deserializers never throw broke: "
                    + deserializer.getClass().getSimpleName() + " threw " + t, t);
        }
        assertNotNull(decoded, "PROPERTY: a non-null value never deserializes to null");
        if (decoded instanceof Decoded.Malformed<?> malformed) {
            assertArrayEquals(value, malformed.raw(), "PROPERTY: Malformed keeps the raw bytes broke");
        }
    }

    @Provide
    Arbitrary<byte[]> values() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        // a valid single-object header in front of noise gets past the first check
        Arbitrary<byte[]> behindHeader = anyBytes.map(body -> {
            byte[] header = new ProposalSerializer().serialize("t", SampleRecords.proposal("x"));
            byte[] out = java.util.Arrays.copyOf(header, 10 + body.length);
            System.arraycopy(body, 0, out, 10, body.length);
            return out;
        });
        return Arbitraries.oneOf(anyBytes, behindHeader);
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        byte[][] valid = {
            new ProposalSerializer().serialize("t", SampleRecords.proposal("order-1")),
            new JournalEventSerializer().serialize("t", SampleRecords.journalEvent("order-1")),
            new FrontierPointSerializer().serialize("t", SampleRecords.frontierPoint()),
        };
        return Arbitraries.of(valid).flatMap(bytes -> Arbitraries.integers().between(0, bytes.length - 1)
                .flatMap(at -> Arbitraries.oneOf(
                        Arbitraries.bytes().map(b -> {
                            byte[] copy = bytes.clone();
                            copy[at] = b;
                            return copy;
                        }),
                        Arbitraries.just(java.util.Arrays.copyOf(bytes, at)),
                        Arbitraries.just(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f})
                                .map(huge -> {
                                    byte[] out = bytes.clone();
                                    System.arraycopy(huge, 0, out, at, Math.min(huge.length, out.length - at));
                                    return out;
                                }))));
    }
}
