package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.gate.DenialTrace;

/**
 * A client gate refused an append before anything was sent. {@link #trace()} holds every gate's
 * verdict (Permit, Deny, Skipped); {@code code()} is {@code GATE_DENIED}, or {@code GATE_DEFECT}
 * when the gate threw.
 */
public final class GateDeniedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    private final transient DenialTrace trace;
    private final int itemIndex;

    /** Creates the exception for a denied append ({@code itemIndex} -1) or batch item. */
    public GateDeniedException(DenialTrace trace, int itemIndex) {
        super(trace.code(), (itemIndex >= 0 ? "batch item " + itemIndex + ": " : "") + "gate '" + trace.failingGate()
                + "' denied the append: " + trace.message() + " (nothing was sent)");
        this.trace = trace;
        this.itemIndex = itemIndex;
    }

    /** The denial trace. */
    public DenialTrace trace() {
        return trace;
    }

    /** The denied batch item's index, or -1 for a single append. */
    public int itemIndex() {
        return itemIndex;
    }
}
