package dev.batpak.kafka.testing;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Small valid batpak records for the codec and serde tests. */
public final class SampleRecords {

    private SampleRecords() {
    }

    public static Id16 id(int seed) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) seed);
        return new Id16(bytes);
    }

    public static Hash32 hash(int seed) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) seed);
        return new Hash32(bytes);
    }

    public static Proposal proposal(String entity) {
        return Proposal.newBuilder()
                .setEventId(id(1))
                .setEntity(entity)
                .setScope("orders")
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap("{\"total\":12}".getBytes(StandardCharsets.UTF_8)))
                .setContentHash(hash(2))
                .setCorrelationId(id(3))
                .setCauses(List.of(id(4)))
                .setHlc(42L)
                .build();
    }

    public static JournalEvent journalEvent(String entity) {
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

    public static FrontierPoint frontierPoint() {
        return new FrontierPoint("shop", 3, Stage.VISIBLE, 100L, 1_700_000_000_000L, "sequencer-0");
    }
}
