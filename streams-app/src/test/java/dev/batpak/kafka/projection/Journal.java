package dev.batpak.kafka.projection;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Journal and frontier records for driver tests (hashes are placeholders: projections do not check chains). */
final class Journal {

    private Journal() {
    }

    static byte[] event(String entity, EventKind kind, int lane, long clock, long proposalOffset) {
        byte[] id = EventId.random().toBytes();
        JournalEvent event = JournalEvent.newBuilder()
                .setEventId(new Id16(id))
                .setEntity(entity)
                .setScope("test")
                .setLane(lane)
                .setClock(clock)
                .setKind(kind.raw())
                .setEncoding(PayloadEncoding.RAW)
                .setPayload(ByteBuffer.wrap(new byte[0]))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(id))
                .setHlc(1_000_000L << 16)
                .setPrevHash(new Hash32(new byte[32]))
                .setEventHash(new Hash32(new byte[32]))
                .setProposalOffset(proposalOffset)
                .build();
        return Codecs.JOURNAL_EVENT.encode(event);
    }

    static byte[] point(String store, int lane, Stage stage, long offset) {
        return Codecs.FRONTIER_POINT.encode(FrontierPoint.newBuilder().setStore(store).setLane(lane).setStage(stage)
                .setOffset(offset).setPublishedAtMillis(0).setPublisher("test").build());
    }

    static byte[] key(int lane, Stage stage) {
        return (lane + "/" + stage.name()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] entity(String entity) {
        return entity.getBytes(StandardCharsets.UTF_8);
    }
}
