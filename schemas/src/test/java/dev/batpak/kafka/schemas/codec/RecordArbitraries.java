package dev.batpak.kafka.schemas.codec;

import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.CommitReceipt;
import dev.batpak.kafka.schemas.ContextEntry;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.GateEvaluation;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.ReceiptSignature;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.Verdict;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import org.apache.avro.specific.SpecificRecord;

/**
 * Arbitrary values of every generated record: unicode strings (ASCII, BMP, astral, NUL), empty
 * and non-empty arrays, nulls in every union, edge integers.
 */
public final class RecordArbitraries {

    private RecordArbitraries() {
    }

    /** Valid Unicode strings (no unpaired surrogates), biased to ASCII, up to 24 code points. */
    public static Arbitrary<String> strings() {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7f);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0x80, 0xffff).filter(cp -> cp < 0xd800 || cp > 0xdfff);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10ffff);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, ascii), net.jqwik.api.Tuple.of(2, bmp), net.jqwik.api.Tuple.of(1, astral))
                .list().ofMaxSize(24)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    /** Byte buffers of up to 64 bytes, including empty. */
    public static Arbitrary<ByteBuffer> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(ByteBuffer::wrap);
    }

    /** Arbitrary 16-byte identifiers. */
    public static Arbitrary<Id16> id16() {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(Id16::new);
    }

    /** Arbitrary 32-byte digests. */
    public static Arbitrary<Hash32> hash32() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash32::new);
    }

    private static Arbitrary<Extension> extension() {
        return Combinators.combine(strings(), bytes()).as(Extension::new);
    }

    private static Arbitrary<ContextEntry> contextEntry() {
        return Combinators.combine(strings(), strings()).as(ContextEntry::new);
    }

    private static Arbitrary<BatchMember> batchMember() {
        return Builders.withBuilder(BatchMember::newBuilder)
                .use(id16()).in(BatchMember.Builder::setBatchId)
                .use(Arbitraries.integers()).in(BatchMember.Builder::setIndex)
                .use(Arbitraries.integers()).in(BatchMember.Builder::setSize)
                .use(Arbitraries.integers().list().ofMaxSize(6)).in(BatchMember.Builder::setLanes)
                .use(Arbitraries.integers()).in(BatchMember.Builder::setLaneSize)
                .build(BatchMember.Builder::build);
    }

    private static Arbitrary<ReceiptSignature> signature() {
        return Combinators.combine(hash32(), bytes()).as(ReceiptSignature::new);
    }

    private static Arbitrary<GateEvaluation> gateEvaluation() {
        return Builders.withBuilder(GateEvaluation::newBuilder)
                .use(strings()).in(GateEvaluation.Builder::setGateId)
                .use(Arbitraries.of(Verdict.class)).in(GateEvaluation.Builder::setVerdict)
                .use(strings()).in(GateEvaluation.Builder::setCode)
                .use(strings()).in(GateEvaluation.Builder::setMessage)
                .use(contextEntry().list().ofMaxSize(4)).in(GateEvaluation.Builder::setContext)
                .use(hash32().injectNull(0.4)).in(GateEvaluation.Builder::setEvidenceHash)
                .build(GateEvaluation.Builder::build);
    }

    private static <T> Arbitrary<List<T>> lists(Arbitrary<T> items) {
        return items.list().ofMaxSize(5);
    }

    /** Arbitrary proposals. */
    public static Arbitrary<Proposal> proposals() {
        return Builders.withBuilder(Proposal::newBuilder)
                .use(Arbitraries.integers()).in(Proposal.Builder::setFormatVersion)
                .use(id16()).in(Proposal.Builder::setEventId)
                .use(Arbitraries.of(true, false)).in(Proposal.Builder::setKeyed)
                .use(strings()).in(Proposal.Builder::setEntity)
                .use(strings()).in(Proposal.Builder::setScope)
                .use(Arbitraries.integers()).in(Proposal.Builder::setKind)
                .use(Arbitraries.integers()).in(Proposal.Builder::setPayloadVersion)
                .use(Arbitraries.of(PayloadEncoding.class)).in(Proposal.Builder::setEncoding)
                .use(Arbitraries.integers().injectNull(0.4)).in(Proposal.Builder::setPayloadSchemaId)
                .use(bytes()).in(Proposal.Builder::setPayload)
                .use(hash32()).in(Proposal.Builder::setContentHash)
                .use(id16()).in(Proposal.Builder::setCorrelationId)
                .use(lists(id16())).in(Proposal.Builder::setCauses)
                .use(Arbitraries.of(ExpectationMode.class)).in(Proposal.Builder::setExpectation)
                .use(Arbitraries.longs()).in(Proposal.Builder::setExpectedSequence)
                .use(Arbitraries.integers()).in(Proposal.Builder::setFlags)
                .use(lists(extension())).in(Proposal.Builder::setExtensions)
                .use(Arbitraries.longs()).in(Proposal.Builder::setHlc)
                .use(batchMember().injectNull(0.4)).in(Proposal.Builder::setBatch)
                .build(Proposal.Builder::build);
    }

    /** Arbitrary journal events. */
    public static Arbitrary<JournalEvent> journalEvents() {
        return Builders.withBuilder(JournalEvent::newBuilder)
                .use(Arbitraries.integers()).in(JournalEvent.Builder::setFormatVersion)
                .use(id16()).in(JournalEvent.Builder::setEventId)
                .use(Arbitraries.of(true, false)).in(JournalEvent.Builder::setKeyed)
                .use(strings()).in(JournalEvent.Builder::setEntity)
                .use(strings()).in(JournalEvent.Builder::setScope)
                .use(Arbitraries.integers()).in(JournalEvent.Builder::setLane)
                .use(Arbitraries.longs()).in(JournalEvent.Builder::setClock)
                .use(Arbitraries.integers()).in(JournalEvent.Builder::setKind)
                .use(Arbitraries.integers()).in(JournalEvent.Builder::setPayloadVersion)
                .use(Arbitraries.of(PayloadEncoding.class)).in(JournalEvent.Builder::setEncoding)
                .use(Arbitraries.integers().injectNull(0.4)).in(JournalEvent.Builder::setPayloadSchemaId)
                .use(bytes()).in(JournalEvent.Builder::setPayload)
                .use(hash32()).in(JournalEvent.Builder::setContentHash)
                .use(id16()).in(JournalEvent.Builder::setCorrelationId)
                .use(lists(id16())).in(JournalEvent.Builder::setCauses)
                .use(Arbitraries.integers()).in(JournalEvent.Builder::setFlags)
                .use(lists(extension())).in(JournalEvent.Builder::setExtensions)
                .use(Arbitraries.longs()).in(JournalEvent.Builder::setHlc)
                .use(hash32()).in(JournalEvent.Builder::setPrevHash)
                .use(hash32()).in(JournalEvent.Builder::setEventHash)
                .use(Arbitraries.longs()).in(JournalEvent.Builder::setProposalOffset)
                .use(batchMember().injectNull(0.4)).in(JournalEvent.Builder::setBatch)
                .use(signature().injectNull(0.4)).in(JournalEvent.Builder::setSignature)
                .build(JournalEvent.Builder::build);
    }

    /** Arbitrary denial traces. */
    public static Arbitrary<DenialTrace> denialTraces() {
        return Builders.withBuilder(DenialTrace::newBuilder)
                .use(strings()).in(DenialTrace.Builder::setCode)
                .use(strings()).in(DenialTrace.Builder::setMessage)
                .use(lists(contextEntry())).in(DenialTrace.Builder::setContext)
                .use(lists(gateEvaluation())).in(DenialTrace.Builder::setEvaluations)
                .use(strings().injectNull(0.4)).in(DenialTrace.Builder::setPipelineId)
                .use(id16().injectNull(0.4)).in(DenialTrace.Builder::setProposedEventId)
                .use(Arbitraries.integers()).in(DenialTrace.Builder::setProposedKind)
                .use(hash32().injectNull(0.4)).in(DenialTrace.Builder::setProposedContentHash)
                .use(Arbitraries.longs()).in(DenialTrace.Builder::setProposalOffset)
                .use(hash32().injectNull(0.4)).in(DenialTrace.Builder::setRecordHash)
                .build(DenialTrace.Builder::build);
    }

    /** Arbitrary commit receipts. */
    public static Arbitrary<CommitReceipt> commitReceipts() {
        return Builders.withBuilder(CommitReceipt::newBuilder)
                .use(Arbitraries.integers()).in(CommitReceipt.Builder::setFormatVersion)
                .use(id16()).in(CommitReceipt.Builder::setEventId)
                .use(strings()).in(CommitReceipt.Builder::setEntity)
                .use(strings()).in(CommitReceipt.Builder::setScope)
                .use(Arbitraries.integers()).in(CommitReceipt.Builder::setLane)
                .use(Arbitraries.longs()).in(CommitReceipt.Builder::setClock)
                .use(Arbitraries.longs()).in(CommitReceipt.Builder::setProposalOffset)
                .use(Arbitraries.integers()).in(CommitReceipt.Builder::setKind)
                .use(Arbitraries.longs()).in(CommitReceipt.Builder::setHlc)
                .use(hash32()).in(CommitReceipt.Builder::setPrevHash)
                .use(hash32()).in(CommitReceipt.Builder::setEventHash)
                .use(hash32()).in(CommitReceipt.Builder::setContentHash)
                .use(lists(extension())).in(CommitReceipt.Builder::setExtensions)
                .use(signature().injectNull(0.4)).in(CommitReceipt.Builder::setSignature)
                .build(CommitReceipt.Builder::build);
    }

    /** Arbitrary frontier points. */
    public static Arbitrary<FrontierPoint> frontierPoints() {
        return Builders.withBuilder(FrontierPoint::newBuilder)
                .use(strings()).in(FrontierPoint.Builder::setStore)
                .use(Arbitraries.integers()).in(FrontierPoint.Builder::setLane)
                .use(Arbitraries.of(Stage.class)).in(FrontierPoint.Builder::setStage)
                .use(Arbitraries.longs()).in(FrontierPoint.Builder::setOffset)
                .use(Arbitraries.longs()).in(FrontierPoint.Builder::setPublishedAtMillis)
                .use(strings()).in(FrontierPoint.Builder::setPublisher)
                .build(FrontierPoint.Builder::build);
    }

    /** Arbitrary records of the catalog entry's type. */
    public static Arbitrary<? extends SpecificRecord> recordsOf(SchemaCatalog entry) {
        return switch (entry) {
            case PROPOSAL -> proposals();
            case JOURNAL_EVENT -> journalEvents();
            case DENIAL_TRACE -> denialTraces();
            case COMMIT_RECEIPT -> commitReceipts();
            case FRONTIER_POINT -> frontierPoints();
        };
    }

    /** A valid encoding of an arbitrary record of any catalog type, with its codec. */
    public static Arbitrary<Sample> samples() {
        return Arbitraries.of(SchemaCatalog.class).flatMap(entry -> recordsOf(entry).map(record -> Sample.of(entry, record)));
    }

    /** One encoded record and the codec that wrote it. */
    public record Sample(SchemaCatalog entry, RecordCodec<?> codec, SpecificRecord record, byte[] bytes) {

        static Sample of(SchemaCatalog entry, SpecificRecord record) {
            @SuppressWarnings("unchecked")
            RecordCodec<SpecificRecord> codec = (RecordCodec<SpecificRecord>) Codecs.forEntry(entry);
            return new Sample(entry, codec, record, codec.encode(record));
        }

        @Override
        public String toString() {
            return entry + " (" + bytes.length + " bytes)";
        }
    }
}
