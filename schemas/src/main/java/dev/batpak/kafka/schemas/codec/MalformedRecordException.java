package dev.batpak.kafka.schemas.codec;

import java.util.Objects;

/**
 * The bytes handed to {@link RecordCodec#decode(byte[])} are not a valid encoding of the record.
 *
 * <p>This is the only exception decoding throws, so a consumer that catches it can never be
 * stopped by a bad record: skip it, or record it (the sequencer turns it into a {@code MALFORMED}
 * denial). It is unchecked so that it can cross lambdas; {@code decode} still declares it.
 */
public final class MalformedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The stable code of every malformed record, the same as the sequencer's denial code. */
    public static final String CODE = "MALFORMED";

    /** What was wrong with the bytes. */
    public enum Reason {
        /** {@code null} or zero bytes. */
        EMPTY,
        /** Not Avro single-object encoding: shorter than its 10-byte header, or no {@code C3 01} marker. */
        BAD_HEADER,
        /** The schema fingerprint in the header is not a known version of this record. */
        UNKNOWN_SCHEMA,
        /** The bytes end inside a value. */
        TRUNCATED,
        /** A declared length or item count is negative or larger than the bytes that remain. */
        BAD_LENGTH,
        /** A value is not valid for its type (varint overflow, boolean byte, enum or union index, UTF-8, nesting). */
        BAD_VALUE,
        /** Bytes remain after the record ended. */
        TRAILING_BYTES,
        /** The writer's schema version cannot be read into the current one. */
        INCOMPATIBLE,
        /** Avro refused the bytes for a reason the structural checks did not name. */
        UNDECODABLE
    }

    private final Reason reason;
    private final String schemaName;
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param reason what class of defect
     * @param schemaName the record that was expected, e.g. {@code Proposal}
     * @param detail what exactly was wrong and where
     */
    public MalformedRecordException(Reason reason, String schemaName, String detail) {
        this(reason, schemaName, detail, null);
    }

    /**
     * Creates the exception with the cause Avro gave.
     *
     * @param reason what class of defect
     * @param schemaName the record that was expected, e.g. {@code Proposal}
     * @param detail what exactly was wrong and where
     * @param cause the underlying error, or {@code null}
     */
    public MalformedRecordException(Reason reason, String schemaName, String detail, Throwable cause) {
        super("malformed " + schemaName + " record (" + reason + "): " + detail
                + "; the bytes are not a valid encoding of a known " + schemaName
                + " version: skip or dead-letter the record", cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The class of defect. */
    public Reason reason() {
        return reason;
    }

    /** The record that was expected, e.g. {@code Proposal}. */
    public String schemaName() {
        return schemaName;
    }

    /** What exactly was wrong and where, without the advice of {@link #getMessage()}. */
    public String detail() {
        return detail;
    }

    /** Always {@link #CODE}. */
    public String code() {
        return CODE;
    }
}
