package dev.batpak.kafka.reactor.internal;

import dev.batpak.kafka.clock.HybridLogicalClock;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.projection.internal.LaneProgress;
import dev.batpak.kafka.projection.internal.Watermark;
import dev.batpak.kafka.reactor.Reaction;
import dev.batpak.kafka.reactor.ReactionIds;
import dev.batpak.kafka.reactor.Reactor;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
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
 * Runs every registered reactor on one lane's journal and forwards their reactions as
 * proposals, then publishes the lane's emitted watermark ({@link Watermark}'s rule). The
 * proposals, the lane progress, the emitted point and the journal offsets belong to the task's
 * exactly-once transaction: a reactor that throws aborts the whole batch.
 */
public final class ReactorProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ReactorProcessor.class);

    private final String store;
    private final List<Reactor> reactors;
    private final String laneStoreName;
    private final String mirrorStoreName;
    private final String proposalSink;
    private final String frontierSink;
    private final String publisher;
    private final Duration publishInterval;
    private final HybridLogicalClock clock = new HybridLogicalClock(InstantSource.system());
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> lanes;
    private KeyValueStore<Bytes, byte[]> mirror;

    /** A processor running {@code reactors}; the store and sink names are the topology's. */
    public ReactorProcessor(String store, List<Reactor> reactors, String laneStoreName, String mirrorStoreName,
            String proposalSink, String frontierSink, String publisher, Duration publishInterval) {
        this.store = store;
        this.reactors = List.copyOf(reactors);
        this.laneStoreName = laneStoreName;
        this.mirrorStoreName = mirrorStoreName;
        this.proposalSink = proposalSink;
        this.frontierSink = frontierSink;
        this.publisher = publisher;
        this.publishInterval = publishInterval;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> processorContext) {
        this.context = processorContext;
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
        StoredEvent event;
        try {
            event = JournalMapping.toStoredEvent(Codecs.JOURNAL_EVENT.decode(record.value()), metadata.offset());
        } catch (MalformedRecordException | IllegalArgumentException e) {
            LOG.warn("reactors of store '{}' skip the unreadable journal record {}-{}: {}", store,
                    metadata.partition(), metadata.offset(), e.getMessage());
            return;
        }
        for (Reactor reactor : reactors) {
            if (reactor.isRelevant(event.kind())) {
                List<Reaction> reactions = reactor.react(event);
                for (int i = 0; i < reactions.size(); i++) {
                    forward(reactor, event, i, reactions.get(i), record.timestamp());
                }
            }
        }
        Bytes laneKey = Bytes.wrap(LaneProgress.key(metadata.partition()));
        LaneProgress progress = LaneProgress.decode(lanes.get(laneKey));
        if (event.proposalOffset() > progress.maxProposalOffset()) {
            lanes.put(laneKey, new LaneProgress(event.proposalOffset(), progress.published()).encode());
        }
    }

    private void forward(Reactor reactor, StoredEvent source, int index, Reaction reaction, long timestamp) {
        byte[] payload = reaction.payload().bytes();
        Proposal proposal = Proposal.newBuilder()
                .setEventId(new Id16(ReactionIds.key(reactor.name(), source.eventId(), index).toEventId().toBytes()))
                .setKeyed(true)
                .setEntity(reaction.coordinate().entity())
                .setScope(reaction.coordinate().scope())
                .setKind(reaction.kind().raw())
                .setPayloadVersion(reaction.payloadVersion())
                .setEncoding(PayloadEncoding.valueOf(reaction.payload().encoding().name()))
                .setPayloadSchemaId(reaction.payload().schemaId().isPresent()
                        ? reaction.payload().schemaId().getAsInt() : null)
                .setPayload(ByteBuffer.wrap(payload))
                .setContentHash(new Hash32(Blake3.hash(payload)))
                .setCorrelationId(new Id16(source.correlationId().toBytes()))
                .setCauses(List.of(new Id16(source.eventId().toBytes())))
                .setExpectation(ExpectationMode.ANY)
                .setHlc(clock.observe(source.hlc()).packed())
                .build();
        // Key = entity: the default partitioner's murmur2 puts the reaction on its entity's lane.
        context.forward(new Record<>(reaction.coordinate().entity().getBytes(StandardCharsets.UTF_8),
                Codecs.PROPOSAL.encode(proposal), timestamp), proposalSink);
    }

    private void publish(long now) {
        int lane = context.taskId().partition();
        Bytes laneKey = Bytes.wrap(LaneProgress.key(lane));
        LaneProgress progress = LaneProgress.decode(lanes.get(laneKey));
        OptionalLong emitted = Watermark.next(lane, progress, mirror);
        if (emitted.isPresent()) {
            context.forward(Watermark.point(store, lane, Stage.EMITTED, emitted.getAsLong(), now, publisher),
                    frontierSink);
            lanes.put(laneKey, new LaneProgress(progress.maxProposalOffset(), emitted.getAsLong()).encode());
        }
    }
}
