package dev.batpak.kafka.append;

import dev.batpak.kafka.frontier.Stage;
import java.time.Duration;
import java.util.Objects;

/**
 * After an append is written, wait for a stage before returning. A wait, not a policy: a timeout
 * here throws {@code WaitTimeoutException} carrying the receipt, and the append is not rolled
 * back.
 *
 * @param stage the stage to wait for
 * @param timeout how long to wait at most (mandatory, positive)
 */
public record DurabilityGate(Stage stage, Duration timeout) {

    /** Validates. */
    public DurabilityGate {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a durability gate needs a positive timeout, got " + timeout);
        }
    }
}
