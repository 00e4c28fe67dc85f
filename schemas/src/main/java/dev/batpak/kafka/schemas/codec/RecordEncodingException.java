package dev.batpak.kafka.schemas.codec;

import java.util.Objects;

/**
 * A record cannot be encoded faithfully: a required field is null, a fixed has the wrong size, a
 * string holds an unpaired surrogate (it would not survive UTF-8), a union value matches no
 * branch. Nothing was written; fix the named field.
 */
public final class RecordEncodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String schemaName;
    private final String path;

    /**
     * Creates the exception.
     *
     * @param schemaName the record being encoded, e.g. {@code Proposal}
     * @param path where in the record, e.g. {@code Proposal.causes[2]}
     * @param problem what is wrong with the value there
     * @param cause the underlying error, or {@code null}
     */
    public RecordEncodingException(String schemaName, String path, String problem, Throwable cause) {
        super("cannot encode " + schemaName + ": " + path + " " + problem
                + "; nothing was written, fix the value and retry", cause);
        this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The record being encoded, e.g. {@code Proposal}. */
    public String schemaName() {
        return schemaName;
    }

    /** Where in the record the bad value is, e.g. {@code Proposal.causes[2]}. */
    public String path() {
        return path;
    }
}
