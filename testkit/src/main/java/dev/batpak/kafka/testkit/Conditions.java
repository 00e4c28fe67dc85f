package dev.batpak.kafka.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on a condition with a timeout: the only way tests synchronise. */
public final class Conditions {

    private Conditions() {
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes, then fails with
     * {@code what}.
     */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseNanos = 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            pauseNanos = Math.min(pauseNanos * 2, 50_000_000L);
        }
    }

    /** Polls {@code value} until it is non-null, and returns it. */
    public static <T> T awaitValue(Duration timeout, String what, Supplier<T> value) {
        Object[] holder = new Object[1];
        await(timeout, what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}
