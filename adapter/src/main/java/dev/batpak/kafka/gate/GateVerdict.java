package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Map;

/**
 * One gate's part in a denial trace: it let the proposal through ({@link Permit}), it refused
 * it ({@link Deny}), or it was never asked because an earlier gate had already refused
 * ({@link Skipped}).
 *
 * <p>Recording skipped gates (rather than leaving them out) lets a reader of the journal see the
 * whole gate set that was in force and tell "not evaluated" from "passed". The three cases map
 * one to one onto the Avro {@code Verdict} enum of {@code GateEvaluation}.
 */
public sealed interface GateVerdict permits GateVerdict.Permit, GateVerdict.Deny, GateVerdict.Skipped {

    /** The single {@link Permit} value. */
    Permit PERMIT = new Permit();

    /** The single {@link Skipped} value. */
    Skipped SKIPPED = new Skipped();

    /** The gate was evaluated and let the proposal through. */
    record Permit() implements GateVerdict {
    }

    /**
     * The gate was evaluated and refused, with the code, message and context of its
     * {@link Denial}.
     *
     * @param code the denial's code; may be empty
     * @param message the denial's message
     * @param context the denial's ordered context; unmodifiable
     */
    record Deny(String code, String message, List<Map.Entry<String, String>> context) implements GateVerdict {

        /** Validates the parts and freezes the context. */
        public Deny {
            if (code == null || message == null) {
                throw new GateException(GateException.Reason.INVALID_DENIAL,
                        "a Deny verdict needs a code (may be \"\") and a message");
            }
            context = Denial.copyContext(context);
        }

        /** The verdict recorded for a denial. */
        public static Deny of(Denial denial) {
            return new Deny(denial.code(), denial.message(), denial.context());
        }
    }

    /** The gate was not evaluated because an earlier gate denied first. */
    record Skipped() implements GateVerdict {
    }
}
