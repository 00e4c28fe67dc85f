package dev.batpak.kafka.frontier;

import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.receipt.AppendReceipt;
import java.time.Duration;
import java.util.Optional;

/**
 * A wait for a stage did not see the stage reach its target in time. A timeout is never a
 * rollback: an append whose durability wait timed out is still written and may still be sealed;
 * wait again, or retry with the same idempotency key (which returns the original outcome).
 */
public final class WaitTimeoutException extends BatpakException {

    private static final long serialVersionUID = 1L;

    private final Stage stage;
    private final int lane;
    private final long target;
    private final Duration waited;
    private final transient AppendReceipt receipt;

    /**
     * Creates the exception.
     *
     * @param stage the stage waited for
     * @param lane the lane
     * @param target the proposal offset that had to pass the stage
     * @param waited how long the caller waited
     * @param receipt the append receipt the wait was for, or null for a lane wait
     */
    public WaitTimeoutException(Stage stage, int lane, long target, Duration waited, AppendReceipt receipt) {
        super("WAIT_TIMEOUT", "waited " + waited.toMillis() + " ms for " + stage.name().toLowerCase()
                + " to pass proposal offset " + target + " on lane " + lane
                + "; the append is not rolled back: wait again, or retry with the same idempotency key");
        this.stage = stage;
        this.lane = lane;
        this.target = target;
        this.waited = waited;
        this.receipt = receipt;
    }

    /** The stage waited for. */
    public Stage stage() {
        return stage;
    }

    /** The lane waited on. */
    public int lane() {
        return lane;
    }

    /** The proposal offset that had to pass the stage. */
    public long target() {
        return target;
    }

    /** How long the caller waited. */
    public Duration waited() {
        return waited;
    }

    /**
     * The receipt of the append whose wait timed out, so a caller whose durability gate timed out
     * still learns where its proposal went; empty for lane waits.
     */
    public Optional<AppendReceipt> receipt() {
        return Optional.ofNullable(receipt);
    }
}
