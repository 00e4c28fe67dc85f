package dev.batpak.kafka.projection.internal;

import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
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
 */
public final class Watermark {

    private Watermark() {
    }

    /** The watermark to publish now for {@code lane}, if it rises. */
    public static OptionalLong next(int lane, LaneProgress progress, KeyValueStore<Bytes, byte[]> mirror) {
        byte[] visibleBytes = mirror.get(Bytes.wrap(FrontierKeys.key(lane, Stage.VISIBLE)));
        if (visibleBytes == null || progress.maxProposalOffset() < 0) {
            return OptionalLong.empty();
        }
        long visible;
        try {
            visible = Codecs.FRONTIER_POINT.decode(visibleBytes).getOffset();
        } catch (MalformedRecordException e) {
            return OptionalLong.empty();
        }
        if (visible > progress.maxProposalOffset() + 1 || visible <= progress.published()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(visible);
    }

    /** The frontier record announcing {@code stage} of {@code lane} at {@code offset}. */
    public static Record<byte[], byte[]> point(String store, int lane, Stage stage, long offset, long now,
            String publisher) {
        FrontierPoint point = FrontierPoint.newBuilder()
                .setStore(store)
                .setLane(lane)
                .setStage(dev.batpak.kafka.schemas.Stage.valueOf(stage.name()))
                .setOffset(offset)
                .setPublishedAtMillis(now)
                .setPublisher(publisher)
                .build();
        return new Record<>(FrontierKeys.key(lane, stage), Codecs.FRONTIER_POINT.encode(point), now);
    }
}
