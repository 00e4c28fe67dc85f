package dev.batpak.kafka.frontier;

/**
 * The six frontier stages (watermarks) a proposal passes, in batpak's names. Each is measured
 * per lane on the axis of proposal offsets in that lane, as a complete prefix: "every proposal of
 * the lane below this offset has passed this stage".
 *
 * <p>On Kafka the order per lane is {@code WRITTEN >= DURABLE >= ACCEPTED >= VISIBLE}, and
 * {@code VISIBLE >= APPLIED}, {@code VISIBLE >= EMITTED}: the log precedes sequencing, so
 * accepted trails written, and a read_committed reader never sees what is not replicated, so
 * visible never runs ahead of durable. batpak orders accepted first, because its single writer
 * sequences before it writes.
 */
public enum Stage {
    /** The proposal is in the partition leader's log (the producer's ack). */
    WRITTEN,
    /** The proposal is replicated to {@code min.insync.replicas} (ack under {@code acks=all}). */
    DURABLE,
    /** The sequencer has decided the proposal: sealed into its stream, or denied. */
    ACCEPTED,
    /** The decision (sealed event or denial) is committed and readable by read_committed readers. */
    VISIBLE,
    /** Every registered projection includes the event. */
    APPLIED,
    /** Everything derived from the event (reactions, outputs) is committed downstream. */
    EMITTED;

    /** The stage with the given name, case-insensitive; a typed error lists the valid names. */
    public static Stage parse(String name) {
        for (Stage stage : values()) {
            if (stage.name().equalsIgnoreCase(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "': use one of written, durable, accepted,"
                + " visible, applied, emitted");
    }
}
