package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.gate.GateEvaluation;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.schemas.ContextEntry;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/** Converts the journal's Avro records into the adapter's model types. */
public final class JournalMapping {

    private JournalMapping() {
    }

    /** The model form of a journal record read at {@code journalOffset}. */
    public static StoredEvent toStoredEvent(JournalEvent record, long journalOffset) {
        List<Id16> recordCauses = record.getCauses();
        List<CausationId> causes;
        if (recordCauses.isEmpty()) {
            causes = List.of();
        } else {
            causes = new ArrayList<>(recordCauses.size());
            for (Id16 cause : recordCauses) {
                causes.add(CausationId.fromBytes(cause.bytes()));
            }
        }
        SortedMap<String, byte[]> extensions = new TreeMap<>();
        for (Extension extension : record.getExtensions()) {
            extensions.put(extension.getKey(), arrayForCopy(extension.getValue()));
        }
        Integer schemaId = record.getPayloadSchemaId();
        Payload payload = new Payload(encoding(record.getEncoding()), arrayForCopy(record.getPayload()),
                schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId));
        return new StoredEvent(EventId.fromBytes(record.getEventId().bytes()),
                Coordinate.of(record.getEntity(), record.getScope()), EventKind.fromRaw(record.getKind()),
                record.getLane(), record.getClock(), payload, record.getPayloadVersion(),
                CorrelationId.fromBytes(record.getCorrelationId().bytes()), causes, record.getFlags(), extensions,
                HlcTimestamp.fromPacked(record.getHlc()), record.getPrevHash().bytes(), record.getEventHash().bytes(),
                record.getProposalOffset(), journalOffset);
    }

    private static Payload.Encoding encoding(PayloadEncoding encoding) {
        return switch (encoding) {
            case RAW -> Payload.Encoding.RAW;
            case JSON -> Payload.Encoding.JSON;
            case AVRO -> Payload.Encoding.AVRO;
        };
    }

    /**
     * The bytes of an Avro {@code bytes} field for a model constructor that copies them anyway
     * ({@code Payload}, {@code StoredEvent}): the buffer's own array when it is exactly the value
     * (what the decoder produces), so the bytes are copied once, not twice; otherwise a copy.
     */
    private static byte[] arrayForCopy(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        return bytes(buffer);
    }

    /** True when the record is a denial (kind {@code SYSTEM_DENIAL}). */
    public static boolean isDenial(JournalEvent record) {
        return record.getKind() == EventKind.SYSTEM_DENIAL.raw();
    }

    /** Decodes the denial trace a denial event carries as its payload. */
    public static DenialTrace denialTrace(JournalEvent record) {
        try {
            return Codecs.DENIAL_TRACE.decode(bytes(record.getPayload()));
        } catch (MalformedRecordException e) {
            throw new IllegalStateException("denial event " + EventId.fromBytes(record.getEventId().bytes())
                    + " carries an undecodable trace: " + e.getMessage(), e);
        }
    }

    /** The trace's context as ordered pairs. */
    public static List<Map.Entry<String, String>> context(List<ContextEntry> entries) {
        List<Map.Entry<String, String>> context = new ArrayList<>(entries.size());
        for (ContextEntry entry : entries) {
            context.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
        }
        return context;
    }

    /** The trace's gate evaluations in the gate package's model. */
    public static List<GateEvaluation> evaluations(DenialTrace trace) {
        List<GateEvaluation> evaluations = new ArrayList<>(trace.getEvaluations().size());
        for (dev.batpak.kafka.schemas.GateEvaluation evaluation : trace.getEvaluations()) {
            GateVerdict verdict = switch (evaluation.getVerdict()) {
                case PERMIT -> GateVerdict.PERMIT;
                case SKIPPED -> GateVerdict.SKIPPED;
                case DENY -> GateVerdict.Deny.of(Denial.of(evaluation.getGateId(), evaluation.getCode(),
                        evaluation.getMessage(), context(evaluation.getContext())));
            };
            evaluations.add(new GateEvaluation(evaluation.getGateId(), verdict));
        }
        return evaluations;
    }

    /** The bytes of an Avro {@code bytes} field, without disturbing the buffer. */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
