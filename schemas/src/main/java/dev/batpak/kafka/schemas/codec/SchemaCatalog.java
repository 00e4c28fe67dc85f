package dev.batpak.kafka.schemas.codec;

import dev.batpak.kafka.schemas.CommitReceipt;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level schema (a record that is a Kafka value or an encoded payload on its own) and its
 * current released version.
 *
 * <p>A version is frozen under {@code schemas/src/test/resources/frozen/v<version>/<Name>.avsc}
 * and the build checks the current schema against every frozen version in both directions. To
 * change a schema, change its {@code .avsc}, raise its version here and freeze the new version
 * (see {@code docs/schemas.md}). Named types under {@code common/} are not listed: they only
 * travel inside these records.
 */
public enum SchemaCatalog {

    /** What {@code EventStore.append} writes to {@code <store>.proposals}. */
    PROPOSAL(Proposal.class, Proposal.getClassSchema(), 1),
    /** A sealed event or denial in {@code <store>.journal}. */
    JOURNAL_EVENT(JournalEvent.class, JournalEvent.getClassSchema(), 1),
    /** The payload of a {@code SYSTEM_DENIAL} journal event. */
    DENIAL_TRACE(DenialTrace.class, DenialTrace.getClassSchema(), 1),
    /** A signed, portable statement that an event was sealed. */
    COMMIT_RECEIPT(CommitReceipt.class, CommitReceipt.getClassSchema(), 1),
    /** A watermark announcement in {@code <store>.frontier}. */
    FRONTIER_POINT(FrontierPoint.class, FrontierPoint.getClassSchema(), 1);

    private final Class<? extends SpecificRecord> type;
    private final Schema schema;
    private final int version;
    private final long fingerprint;

    SchemaCatalog(Class<? extends SpecificRecord> type, Schema schema, int version) {
        this.type = type;
        this.schema = schema;
        this.version = version;
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The generated class. */
    public Class<? extends SpecificRecord> type() {
        return type;
    }

    /** The current schema, with every named type inlined. */
    public Schema schema() {
        return schema;
    }

    /** The record's simple name, e.g. {@code Proposal}; also the frozen file's base name. */
    public String recordName() {
        return schema.getName();
    }

    /** The record's full name, e.g. {@code dev.batpak.kafka.schemas.Proposal}. */
    public String fullName() {
        return schema.getFullName();
    }

    /** The current released version, from 1. */
    public int version() {
        return version;
    }

    /**
     * The CRC-64-AVRO fingerprint of the schema's parsing canonical form: what Avro single-object
     * encoding writes in its header.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /** The entry whose record has this simple name, e.g. {@code Proposal}. */
    public static Optional<SchemaCatalog> byRecordName(String recordName) {
        for (SchemaCatalog entry : values()) {
            if (entry.recordName().equals(recordName)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The entry whose current schema has this single-object fingerprint. */
    public static Optional<SchemaCatalog> byFingerprint(long fingerprint) {
        for (SchemaCatalog entry : values()) {
            if (entry.fingerprint == fingerprint) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }
}
