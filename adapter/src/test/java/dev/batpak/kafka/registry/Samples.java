package dev.batpak.kafka.registry;

import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small valid batpak records. */
final class Samples {

    private Samples() {
    }

    static Id16 id(int seed) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) seed);
        return new Id16(bytes);
    }

    static Hash32 hash(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return new Hash32(bytes);
    }

    static Proposal proposal(String entity) {
        return Proposal.newBuilder()
                .setEventId(id(1))
                .setEntity(entity)
                .setScope("orders")
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap("{\"total\":12}".getBytes(StandardCharsets.UTF_8)))
                .setContentHash(hash(2))
                .setCorrelationId(id(3))
                .setHlc(42L)
                .build();
    }

    static JournalEvent journalEvent(String entity) {
        return JournalEvent.newBuilder()
                .setEventId(id(1))
                .setEntity(entity)
                .setScope("orders")
                .setLane(3)
                .setClock(0L)
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.RAW)
                .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setContentHash(hash(2))
                .setCorrelationId(id(3))
                .setHlc(43L)
                .setPrevHash(hash(0))
                .setEventHash(hash(5))
                .setProposalOffset(7L)
                .build();
    }
}
