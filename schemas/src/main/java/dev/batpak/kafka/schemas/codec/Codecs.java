package dev.batpak.kafka.schemas.codec;

import dev.batpak.kafka.schemas.CommitReceipt;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;

/**
 * One single-object codec per top-level record, shared (codecs are thread-safe).
 *
 * <p>Every released version so far is version 1, so each codec reads the current schema only; when
 * a record gets a version 2, its codec here is built with the version-1 schema as an older writer
 * schema (see {@link SingleObjectCodec#of(Class, java.util.Collection)} and {@code docs/schemas.md}).
 */
public final class Codecs {

    /** {@code <store>.proposals} values. */
    public static final RecordCodec<Proposal> PROPOSAL = SingleObjectCodec.of(Proposal.class);

    /** {@code <store>.journal} values. */
    public static final RecordCodec<JournalEvent> JOURNAL_EVENT = SingleObjectCodec.of(JournalEvent.class);

    /** The payload of a {@code SYSTEM_DENIAL} journal event. */
    public static final RecordCodec<DenialTrace> DENIAL_TRACE = SingleObjectCodec.of(DenialTrace.class);

    /** Commit receipts handed to callers and stored beside events. */
    public static final RecordCodec<CommitReceipt> COMMIT_RECEIPT = SingleObjectCodec.of(CommitReceipt.class);

    /** {@code <store>.frontier} values. */
    public static final RecordCodec<FrontierPoint> FRONTIER_POINT = SingleObjectCodec.of(FrontierPoint.class);

    private Codecs() {
    }

    /** The codec of a catalog entry, for tools that pick the record type at run time. */
    public static RecordCodec<?> forEntry(SchemaCatalog entry) {
        return switch (entry) {
            case PROPOSAL -> PROPOSAL;
            case JOURNAL_EVENT -> JOURNAL_EVENT;
            case DENIAL_TRACE -> DENIAL_TRACE;
            case COMMIT_RECEIPT -> COMMIT_RECEIPT;
            case FRONTIER_POINT -> FRONTIER_POINT;
        };
    }
}
