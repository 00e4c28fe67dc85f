package dev.batpak.kafka.projection.internal;

import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.projection.Projection;
import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.projection.ProjectionPosition;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds one lane's journal into every registered projection and publishes the lane's applied
 * watermark. One instance per task, i.e. per lane; every store write and every frontier point
 * belongs to the task's exactly-once transaction.
 *
 * <p>The applied watermark follows {@link Watermark}'s rule: only a visible watermark this
 * task has caught up with is published.
 *
 * <p>Journal records are decoded with the store's {@link RecordCodecs} (either framing); a
 * {@link dev.batpak.kafka.registry.SchemaRegistryException} (the registry is unreachable)
 * propagates, so the batch is rolled back and retried instead of a good record being skipped.
 */
public final class ProjectionProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionProcessor.class);

    private final String store;
    private final List<Projection<?>> projections;
    private final String laneStoreName;
    private final String mirrorStoreName;
    private final String frontierSink;
    private final String publisher;
    private final Duration publishInterval;
    private final RecordCodecs codecs;
    private ProcessorContext<byte[], byte[]> context;
    private final List<KeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
    private KeyValueStore<Bytes, byte[]> lanes;
    private KeyValueStore<Bytes, byte[]> mirror;

    /**
     * A processor folding into {@code projections}; the store names are the topology's, and
     * {@code codecs} read the journal and the frontier and write applied points.
     */
    public ProjectionProcessor(String store, List<Projection<?>> projections, String laneStoreName,
            String mirrorStoreName, String frontierSink, String publisher, Duration publishInterval,
            RecordCodecs codecs) {
        this.store = store;
        this.projections = List.copyOf(projections);
        this.laneStoreName = laneStoreName;
        this.mirrorStoreName = mirrorStoreName;
        this.frontierSink = frontierSink;
        this.publisher = publisher;
        this.publishInterval = publishInterval;
        this.codecs = codecs;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
        for (Projection<?> projection : projections) {
            stores.add(processorContext.getStateStore(ProjectionNames.storeName(projection.name(),
                    projection.schemaVersion())));
        }
        lanes = processorContext.getStateStore(laneStoreName);
        mirror = processorContext.getStateStore(mirrorStoreName);
        processorContext.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        if (record.value() == null) {
            return;
        }
        JournalEvent journalEvent;
        StoredEvent event;
        try {
            journalEvent = codecs.journalEvent().decode(record.value());
            event = JournalMapping.toStoredEvent(journalEvent, metadata.offset());
        } catch (MalformedRecordException | IllegalArgumentException e) {
            // Only the sequencer writes the journal; an unreadable record is skipped, not folded.
            LOG.warn("projections of store '{}' skip the unreadable journal record {}-{}: {}", store,
                    metadata.partition(), metadata.offset(), e.getMessage());
            return;
        }
        Bytes key = Bytes.wrap(event.coordinate().entity().getBytes(StandardCharsets.UTF_8));
        ProjectionPosition position = ProjectionPosition.of(metadata.partition(), metadata.offset(),
                event.proposalOffset());
        for (int i = 0; i < projections.size(); i++) {
            Projection<?> projection = projections.get(i);
            if (projection.isRelevant(event.kind())) {
                fold(projection, stores.get(i), key, position, event);
            }
        }
        byte[] laneKey = LaneProgress.key(metadata.partition());
        LaneProgress progress = LaneProgress.decode(lanes.get(Bytes.wrap(laneKey)));
        if (event.proposalOffset() > progress.maxProposalOffset()) {
            lanes.put(Bytes.wrap(laneKey), new LaneProgress(event.proposalOffset(), progress.published()).encode());
        }
    }

    private static <S> void fold(Projection<S> projection, KeyValueStore<Bytes, byte[]> target, Bytes key,
            ProjectionPosition position, StoredEvent event) {
        byte[] current = target.get(key);
        S state;
        long version;
        if (current == null) {
            state = projection.initialState();
            version = 0;
        } else {
            StoredState stored = StoredState.decode(current);
            state = projection.codec().decode(stored.state());
            version = stored.version();
        }
        S next;
        try {
            next = projection.apply(state, event);
        } catch (RuntimeException e) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "projection '" + projection.name()
                    + "' threw while applying event " + event.eventId() + " at " + position
                    + "; a projection must be a total function: fix it and restart (nothing was committed)", e);
        }
        if (next == null) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "projection '" + projection.name()
                    + "' returned a null state for event " + event.eventId() + "; return a state");
        }
        target.put(key, new StoredState(version + 1, position, projection.codec().encode(next)).encode());
    }

    private void publish(long now) {
        int lane = context.taskId().partition();
        Bytes laneKey = Bytes.wrap(LaneProgress.key(lane));
        LaneProgress progress = LaneProgress.decode(lanes.get(laneKey));
        OptionalLong applied = Watermark.next(lane, progress, mirror, codecs.frontierPoint());
        if (applied.isPresent()) {
            context.forward(Watermark.point(store, lane, Stage.APPLIED, applied.getAsLong(), now, publisher,
                    codecs.frontierPoint()),
                    frontierSink);
            lanes.put(laneKey, new LaneProgress(progress.maxProposalOffset(), applied.getAsLong()).encode());
        }
    }
}
