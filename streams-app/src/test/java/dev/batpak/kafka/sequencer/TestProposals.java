package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Proposals as the adapter writes them, built directly in Avro so tests control every field. */
final class TestProposals {

    /** An application kind (category 1, type 1). */
    static final int KIND = 0x1001;

    private TestProposals() {
    }

    /** An unkeyed RAW proposal for {@code entity@test} with a fresh UUIDv7 id and an HLC of now. */
    static Proposal.Builder proposal(String entity, String payload) {
        byte[] id = EventId.random().toBytes();
        return withPayload(Proposal.newBuilder()
                .setEventId(new Id16(id))
                .setKeyed(false)
                .setEntity(entity)
                .setScope("test")
                .setKind(KIND)
                .setPayloadVersion(0)
                .setEncoding(PayloadEncoding.RAW)
                .setPayloadSchemaId(null)
                .setCorrelationId(new Id16(id))
                .setCauses(List.of())
                .setExpectation(ExpectationMode.ANY)
                .setExpectedSequence(-1)
                .setFlags(0)
                .setExtensions(List.of())
                .setHlc(HlcTimestamp.of(System.currentTimeMillis(), 0).packed())
                .setBatch(null), payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A keyed proposal: the event id is the idempotency key. */
    static Proposal.Builder keyed(String entity, String payload, UUID key) {
        byte[] id = EventId.of(key).toBytes();
        return proposal(entity, payload).setKeyed(true).setEventId(new Id16(id)).setCorrelationId(new Id16(id));
    }

    /** Sets the payload and its content hash. */
    static Proposal.Builder withPayload(Proposal.Builder builder, byte[] payload) {
        return builder.setPayload(ByteBuffer.wrap(payload)).setContentHash(new Hash32(Blake3.hash(payload)));
    }

    /** EXACT n. */
    static Proposal.Builder expect(Proposal.Builder builder, long clock) {
        return builder.setExpectation(ExpectationMode.EXACT).setExpectedSequence(clock);
    }

    /** Marks a proposal as item {@code index} of a batch on one lane. */
    static Proposal.Builder inBatch(Proposal.Builder builder, UUID batchId, int index, int size) {
        return builder.setBatch(BatchMember.newBuilder()
                .setBatchId(new Id16(EventId.of(batchId).toBytes()))
                .setIndex(index)
                .setSize(size)
                .setLanes(List.of(0))
                .setLaneSize(size)
                .build());
    }

    /** Single-object encoding, as on the proposals topic. */
    static byte[] encode(Proposal proposal) {
        return Codecs.PROPOSAL.encode(proposal);
    }

    /** A fresh random UUID. */
    static UUID uuid() {
        return UUID.randomUUID();
    }
}
