package dev.batpak.kafka.sequencer;

/**
 * The codes the sequencer writes into denial events ({@code DenialTrace.code}).
 *
 * <p>Stable strings, because readers (the adapter's outcome, the {@code verify} command,
 * dashboards) switch on them. The checks run in the order listed in {@code docs/sequencer.md}:
 * decode, idempotency, reserved kind, size, clock skew, expected sequence, stateful gates; the
 * first failing check decides.
 */
public final class DenialCodes {

    /** The record could not be decoded into a valid proposal (quarantine stream). */
    public static final String MALFORMED = "MALFORMED";
    /** The proposal's entity or scope breaks the coordinate rules (quarantine stream). */
    public static final String INVALID_COORDINATE = "INVALID_COORDINATE";
    /** A keyed proposal reused a key whose original proposal had different content. */
    public static final String IDEMPOTENCY_CONFLICT = "IDEMPOTENCY_CONFLICT";
    /** An unkeyed proposal (or a second item of one batch) reused an event id already in the lane. */
    public static final String DUPLICATE_EVENT_ID = "DUPLICATE_EVENT_ID";
    /** A batch mixes items whose keys are already decided with new ones. */
    public static final String IDEMPOTENCY_PARTIAL_BATCH = "IDEMPOTENCY_PARTIAL_BATCH";
    /** The kind is in a reserved category (system 0x0 or effect 0xD). */
    public static final String RESERVED_KIND = "RESERVED_KIND";
    /** Payload, extensions and causes together exceed the configured maximum. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** The submitter's HLC is further ahead of the sequencer's wall clock than the allowed skew. */
    public static final String CLOCK_SKEW = "CLOCK_SKEW";
    /** The expected sequence (EXACT n or EMPTY) does not match the stream head. */
    public static final String SEQUENCE_MISMATCH = "SEQUENCE_MISMATCH";
    /** A stateful gate denied; the gate's own code is in its evaluation entry. */
    public static final String GATE_DENIED = "GATE_DENIED";
    /** A stateful gate threw (or answered nonsense) instead of deciding. */
    public static final String GATE_DEFECT = "GATE_DEFECT";
    /** Another item of the same batch was denied; the context names its index and code. */
    public static final String BATCH_ABORTED = "BATCH_ABORTED";
    /** The item's batch description is inconsistent (index out of range, lane not listed, ...). */
    public static final String INVALID_BATCH = "INVALID_BATCH";
    /** Not every item of this lane's part of the batch arrived within the batch timeout. */
    public static final String BATCH_INCOMPLETE = "BATCH_INCOMPLETE";

    /** A causation parent did not become visible within {@code causal.wait.ms}; context names the missing ids. */
    public static final String CAUSE_NOT_FOUND = "CAUSE_NOT_FOUND";
    /** A causation parent's proposal was denied, so the parent never became an event. */
    public static final String CAUSE_DENIED = "CAUSE_DENIED";
    /** The proposal names its own event id as a causation parent. */
    public static final String CAUSE_SELF = "CAUSE_SELF";
    /** A causation parent's UUIDv7 id is from later than the proposal itself, beyond the allowed clock skew. */
    public static final String CAUSE_FUTURE = "CAUSE_FUTURE";

    private DenialCodes() {
    }
}
