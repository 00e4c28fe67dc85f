package dev.batpak.kafka.sequencer.internal;

/**
 * The sequencer's built-in checks, in the order they run, with the ids under which they appear
 * in denial traces.
 *
 * <p>Putting the built-in checks into the trace (Permit before the one that failed, Deny for
 * it, Skipped after it and for every stateful gate) gives a reader of a denial the same picture
 * for a sequence mismatch as for a gate denial: what ran, what decided, what never ran.
 */
enum Check {
    /** Bytes to a valid proposal (schema, format version, coordinate, hashes, extension keys). */
    DECODE("batpak.decode"),
    /** A keyed retry gets the original outcome; an id may not be reused. */
    IDEMPOTENCY("batpak.idempotency"),
    /** Reserved kinds are the system's own. */
    KIND("batpak.kind"),
    /** Payload, extensions and causes within the configured maximum. */
    SIZE("batpak.size"),
    /** The submitter's HLC is not too far ahead of the sequencer's clock. */
    CLOCK("batpak.clock"),
    /** The expected sequence matches the stream head. */
    SEQUENCE("batpak.sequence");

    /**
     * The id of the pseudo-gate that denies a proposal for its causation parents (self, future,
     * denied, not found). It runs between the clock and sequence checks but is not a member of
     * this enum, so the traces of the other denials keep their shape.
     */
    static final String CAUSATION_GATE = "batpak.causation";

    /** The id of the pseudo-gate that denies items of a failed batch. */
    static final String BATCH_GATE = "batpak.batch";

    private final String gateId;

    Check(String gateId) {
        this.gateId = gateId;
    }

    /** The id of this check in a denial trace. */
    String gateId() {
        return gateId;
    }
}
