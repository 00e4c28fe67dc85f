package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** PROPERTY: the guard's UTF-8 check accepts exactly what the JDK's strict UTF-8 decoder accepts. */
class Utf8CheckTest {

    @Property(tries = 5000)
    void agreesWithTheStrictJdkDecoder(@ForAll("utf8ish") byte[] bytes) {
        boolean jdkAccepts;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            jdkAccepts = true;
        } catch (CharacterCodingException e) {
            jdkAccepts = false;
        }
        assertEquals(jdkAccepts, BinaryGuard.Utf8.firstInvalid(bytes, 0, bytes.length) < 0,
                "PROPERTY: strict UTF-8 agreement broke on " + java.util.HexFormat.of().formatHex(bytes));
    }

    @Property
    void validStringsPass(@ForAll("strings") String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(-1, BinaryGuard.Utf8.firstInvalid(bytes, 0, bytes.length));
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // lead bytes and boundary continuation bytes, so that near-valid sequences are common
        Arbitrary<Byte> interesting = Arbitraries.of(0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1,
                0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff).map(Integer::byteValue);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes()).array(byte[].class).ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> strings() {
        return RecordArbitraries.strings();
    }
}
