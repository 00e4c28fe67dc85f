package dev.batpak.kafka.gate;

import dev.batpak.kafka.BatpakException;
import java.util.Objects;

/**
 * A gate, gate set, denial, trace, bypass or commit was built or used against its rules.
 *
 * <p>Gates decide whether a proposal may be written and their denials end up in the journal as
 * evidence, so every malformed input is refused when it is made rather than recorded in a form
 * a verifier would later misread. {@link #code()} is the {@link Reason}'s name.
 */
public final class GateException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Which rule was broken; also the exception's {@link #code()}. */
    public enum Reason {
        /** A gate name, denial gate or pipeline id is empty, too long or not printable ASCII. */
        INVALID_GATE_ID,
        /** Two gates of one set share a name, so a denial could not say which one denied. */
        DUPLICATE_GATE_NAME,
        /** A denial, verdict or context entry is missing a part. */
        INVALID_DENIAL,
        /** A denial trace was asked for where there is nothing denied, or its fields are out of range. */
        INVALID_TRACE,
        /** A bypass reason lacks a name or a justification. */
        INVALID_BYPASS_REASON,
        /** A receipt was committed through a pipeline whose gates did not issue it. */
        FOREIGN_RECEIPT,
        /** The caller's commit function returned no commit metadata. */
        MISSING_COMMIT_METADATA
    }

    private final Reason reason;

    GateException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason").name(), message);
        this.reason = reason;
    }

    /** The rule that was broken. */
    public Reason reason() {
        return reason;
    }
}
