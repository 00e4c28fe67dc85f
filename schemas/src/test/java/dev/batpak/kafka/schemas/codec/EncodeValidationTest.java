package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding refuses, with the field's path, every record Avro would write wrongly or not at all. */
class EncodeValidationTest {

    static Proposal proposal() {
        return Proposal.newBuilder()
                .setEventId(new Id16(new byte[16]))
                .setEntity("order-1")
                .setScope("orders")
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(new byte[16]))
                .setHlc(42L)
                .build();
    }

    private static RecordEncodingException refused(Proposal record, String path) {
        RecordEncodingException e = assertThrows(RecordEncodingException.class, () -> Codecs.PROPOSAL.encode(record));
        assertEquals(path, e.path(), e.getMessage());
        assertEquals("Proposal", e.schemaName());
        return e;
    }

    @Test
    void aValidProposalEncodes() {
        Proposal p = proposal();
        assertEquals(p, Codecs.PROPOSAL.decode(Codecs.PROPOSAL.encode(p)));
    }

    @Test
    void nullRecordIsRefused() {
        refused(null, "Proposal");
    }

    @Test
    void nullRequiredFieldIsNamed() {
        refused(new Proposal(), "Proposal.eventId");
        Proposal p = proposal();
        p.setEntity(null);
        refused(p, "Proposal.entity");
    }

    @Test
    void fixedOfTheWrongSizeIsNamed() {
        Proposal p = proposal();
        p.setEventId(new Id16(new byte[3]));
        RecordEncodingException e = refused(p, "Proposal.eventId");
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
        p.setEventId(new Id16(new byte[17]));
        refused(p, "Proposal.eventId");
    }

    @Test
    void unpairedSurrogatesAreRefusedBecauseUtf8CannotCarryThem() {
        for (String bad : List.of("\uD800", "a\uDC00b", "x\uD83D")) {
            Proposal p = proposal();
            p.setScope(bad);
            RecordEncodingException e = refused(p, "Proposal.scope");
            assertTrue(e.getMessage().contains("surrogate"), e.getMessage());
        }
        Proposal p = proposal();
        p.setScope("ok \uD83D\uDE00");
        assertEquals(p, Codecs.PROPOSAL.decode(Codecs.PROPOSAL.encode(p)));
    }

    @Test
    void nullArrayItemIsNamedWithItsIndex() {
        Proposal p = proposal();
        p.setCauses(Arrays.asList(new Id16(new byte[16]), null));
        refused(p, "Proposal.causes[1]");
    }

    @Test
    void nestedFieldsAreNamed() {
        Proposal p = proposal();
        p.setExtensions(List.of(new Extension(null, ByteBuffer.allocate(0))));
        refused(p, "Proposal.extensions[0].key");
    }

    @Test
    void enumNullIsNamed() {
        FrontierPoint point = new FrontierPoint("s", 0, null, 0L, 0L, "");
        RecordEncodingException e = assertThrows(RecordEncodingException.class, () -> Codecs.FRONTIER_POINT.encode(point));
        assertEquals("FrontierPoint.stage", e.path());
    }
}
