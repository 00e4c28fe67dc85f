package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the Avro {@link Proposal} records and the Kafka records that carry them. */
public final class ProposalRecords {

    /** Header carrying the event id (text form), for tracing tools that do not read Avro. */
    public static final String EVENT_ID_HEADER = "batpak.event-id";
    /** Header carrying the correlation id (text form). */
    public static final String CORRELATION_HEADER = "batpak.correlation-id";
    /** Header carrying the kind ({@code category:type}). */
    public static final String KIND_HEADER = "batpak.kind";

    private ProposalRecords() {
    }

    /** The Avro proposal for one append (or one batch item when {@code batch} is not null). */
    public static Proposal proposal(EventId eventId, boolean keyed, Coordinate coordinate, EventKind kind,
            Payload payload, byte[] contentHash, CorrelationId correlation, List<CausationId> causes,
            AppendOptions options, HlcTimestamp hlc, BatchMember batch) {
        List<Id16> causeIds = new ArrayList<>(causes.size());
        for (CausationId cause : causes) {
            causeIds.add(new Id16(cause.toBytes()));
        }
        List<Extension> extensions = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : options.extensions().entrySet()) {
            extensions.add(new Extension(e.getKey(), ByteBuffer.wrap(e.getValue())));
        }
        return Proposal.newBuilder()
                .setEventId(new Id16(eventId.toBytes()))
                .setKeyed(keyed)
                .setEntity(coordinate.entity())
                .setScope(coordinate.scope())
                .setKind(kind.raw())
                .setPayloadVersion(options.payloadVersion())
                .setEncoding(PayloadEncoding.valueOf(payload.encoding().name()))
                .setPayloadSchemaId(payload.schemaId().isPresent() ? payload.schemaId().getAsInt() : null)
                .setPayload(ByteBuffer.wrap(payload.bytes()))
                .setContentHash(new Hash32(contentHash))
                .setCorrelationId(new Id16(correlation.toBytes()))
                .setCauses(causeIds)
                .setExpectation(ExpectationMode.valueOf(options.expected().mode().name()))
                .setExpectedSequence(options.expected().sequence())
                .setFlags(options.flags())
                .setExtensions(extensions)
                .setHlc(hlc.packed())
                .setBatch(batch)
                .build();
    }

    /** The Kafka record: key = entity, partition = lane, value = the proposal in the store's framing. */
    public static ProducerRecord<byte[], byte[]> record(String topic, int lane, Proposal proposal, EventId eventId,
            CorrelationId correlation, EventKind kind, RecordCodec<Proposal> codec) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_ID_HEADER, eventId.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CORRELATION_HEADER, correlation.toString().getBytes(StandardCharsets.UTF_8));
        headers.add(KIND_HEADER, kind.toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, lane, null, proposal.getEntity().getBytes(StandardCharsets.UTF_8),
                codec.encode(proposal), headers);
    }
}
