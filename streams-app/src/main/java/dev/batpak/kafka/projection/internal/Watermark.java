package dev.batpak.kafka.projection.internal;

import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.registry.SchemaRegistryException;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rule shared by the applied (projections) and emitted (reactors) watermarks of a lane:
 * publish a visible watermark {@code V} the sequencer published (read from the frontier mirror)
 * once the task has processed a journal record of proposal offset {@code V - 1} or higher, and
 * only when it rises. So the watermark never passes visible and never claims a proposal whose
 * record is still ahead in the journal.
 *
 * <p>Frontier values are read and written with the store's codec (either framing is read; the
 * registry wire format is written when a registry is configured, as the sequencer does).
 */
public final class Watermark {

    private Watermark() {
    }

    /**
     * The watermark to publish now for {@code lane}, if it rises. A visible point that cannot be
     * read now (malformed, or the registry is unreachable) publishes nothing; the next
     * punctuation tries again.
     */
    public static OptionalLong next(int lane, LaneProgress progress, KeyValueStore<Bytes, byte[]> mirror,
            RecordCodec<FrontierPoint> codec) {
        byte[] visibleBytes = mirror.get(Bytes.wrap(FrontierKeys.key(lane, Stage.VISIBLE)));
        if (visibleBytes == null || progress.maxProposalOffset() < 0) {
            return OptionalLong.empty();
        }
        long visible;
        try {
            visible = codec.decode(visibleBytes).getOffset();
        } catch (MalformedRecordException | SchemaRegistryException e) {
            return OptionalLong.empty();
        }
        if (visible > progress.maxProposalOffset() + 1 || visible <= progress.published()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(visible);
    }

    /** The frontier record announcing {@code stage} of {@code lane} at {@code offset}. */
    public static Record<byte[], byte[]> point(String store, int lane, Stage stage, long offset, long now,
            String publisher, RecordCodec<FrontierPoint> codec) {
        FrontierPoint point = FrontierPoint.newBuilder()
                .setStore(store)
                .setLane(lane)
                .setStage(dev.batpak.kafka.schemas.Stage.valueOf(stage.name()))
                .setOffset(offset)
                .setPublishedAtMillis(now)
                .setPublisher(publisher)
                .build();
        return new Record<>(FrontierKeys.key(lane, stage), codec.encode(point), now);
    }
}
