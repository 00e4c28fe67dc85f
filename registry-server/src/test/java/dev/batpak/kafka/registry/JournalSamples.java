package dev.batpak.kafka.registry;

import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Journal events of realistic shape for the integration tests. */
final class JournalSamples {

    private JournalSamples() {
    }

    static JournalEvent event() {
        return event("order-123456");
    }

    static JournalEvent event(String entity) {
        return JournalEvent.newBuilder()
                .setEventId(new Id16(new byte[16]))
                .setEntity(entity)
                .setScope("shop")
                .setLane(5)
                .setClock(1234L)
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap("{\"orderId\":\"order-123456\",\"amountCents\":1999}"
                        .getBytes(StandardCharsets.UTF_8)))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(new byte[16]))
                .setHlc(123456789L)
                .setPrevHash(new Hash32(new byte[32]))
                .setEventHash(new Hash32(new byte[32]))
                .setProposalOffset(42L)
                .build();
    }
}
