package dev.batpak.kafka.reactor.internal;

import dev.batpak.kafka.clock.HybridLogicalClock;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.internal.LaneProgress;
import dev.batpak.kafka.projection.internal.Watermark;
import dev.batpak.kafka.reactor.OutboxRecord;
import dev.batpak.kafka.reactor.Reaction;
import dev.batpak.kafka.reactor.ReactionIds;
import dev.batpak.kafka.reactor.Reactor;
import dev.batpak.kafka.reactor.ReactorOutput;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * proposals and their outbox records to their topics, then publishes the lane's emitted
 * watermark ({@link Watermark}'s rule). The proposals, the outbox records, the lane progress,
 * the emitted point and the journal offsets belong to the task's exactly-once transaction: a
 * reactor that throws aborts the whole batch.
 *
 * <p>Records are read and written with the store's {@link RecordCodecs}: the journal in either
 * framing, reactions and emitted points in the registry wire format when a registry is
 * configured. A {@link dev.batpak.kafka.registry.SchemaRegistryException} (registry unreachable)
 * propagates and rolls the batch back, so no good record is skipped.
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
    private final RecordCodecs codecs;
    private final Function<String, String> outboxSinks;
    private final HybridLogicalClock clock = new HybridLogicalClock(InstantSource.system());
    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<Bytes, byte[]> lanes;
    private KeyValueStore<Bytes, byte[]> mirror;

    /**
     * A processor running {@code reactors}; the store and sink names are the topology's
     * ({@code outboxSinks} maps an outbox topic to its sink), and {@code codecs} read the journal
     * and the frontier and write reactions and emitted points.
     */
    public ReactorProcessor(String store, List<Reactor> reactors, String laneStoreName, String mirrorStoreName,
            String proposalSink, String frontierSink, String publisher, Duration publishInterval,
            RecordCodecs codecs, Function<String, String> outboxSinks) {
        this.store = store;
        this.reactors = List.copyOf(reactors);
        this.laneStoreName = laneStoreName;
        this.mirrorStoreName = mirrorStoreName;
        this.proposalSink = proposalSink;
        this.frontierSink = frontierSink;
        this.publisher = publisher;
        this.publishInterval = publishInterval;
        this.codecs = codecs;
        this.outboxSinks = outboxSinks;
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
            event = JournalMapping.toStoredEvent(codecs.journalEvent().decode(record.value()), metadata.offset());
        } catch (MalformedRecordException | IllegalArgumentException e) {
            LOG.warn("reactors of store '{}' skip the unreadable journal record {}-{}: {}", store,
                    metadata.partition(), metadata.offset(), e.getMessage());
            return;
        }
        for (Reactor reactor : reactors) {
            if (reactor.isRelevant(event.kind())) {
                ReactorOutput output = reactor.respond(event);
                if (output == null) {
                    throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "reactor '" + reactor.name()
                            + "' returned null for event " + event.eventId() + "; return ReactorOutput.NONE");
                }
                List<Reaction> reactions = output.reactions();
                for (int i = 0; i < reactions.size(); i++) {
                    forward(reactor, event, i, reactions.get(i), record.timestamp());
                }
                for (OutboxRecord outbox : output.outbox()) {
                    forwardOutbox(reactor, event, outbox, record.timestamp());
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
                codecs.proposal().encode(proposal), timestamp), proposalSink);
    }

    /**
     * Forwards an outbox record to its topic's sink, with the source's causation and correlation
     * headers; part of the same transaction as the reactions.
     */
    private void forwardOutbox(Reactor reactor, StoredEvent source, OutboxRecord outbox, long timestamp) {
        if (!reactor.outboxTopics().contains(outbox.topic())) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "reactor '" + reactor.name()
                    + "' wrote an outbox record to '" + outbox.topic() + "', which its outboxTopics() "
                    + reactor.outboxTopics() + " does not declare; declare it (each outbox topic needs a sink)");
        }
        RecordHeaders headers = new RecordHeaders();
        outbox.headers().forEach(headers::add);
        headers.add(OutboxRecord.CAUSATION_HEADER, source.eventId().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(OutboxRecord.CORRELATION_HEADER,
                source.correlationId().toString().getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(outbox.key(), outbox.value(), timestamp, headers),
                outboxSinks.apply(outbox.topic()));
    }

    private void publish(long now) {
        int lane = context.taskId().partition();
        Bytes laneKey = Bytes.wrap(LaneProgress.key(lane));
        LaneProgress progress = LaneProgress.decode(lanes.get(laneKey));
        OptionalLong emitted = Watermark.next(lane, progress, mirror, codecs.frontierPoint());
        if (emitted.isPresent()) {
            context.forward(Watermark.point(store, lane, Stage.EMITTED, emitted.getAsLong(), now, publisher,
                    codecs.frontierPoint()),
                    frontierSink);
            lanes.put(laneKey, new LaneProgress(progress.maxProposalOffset(), emitted.getAsLong()).encode());
        }
    }
}
