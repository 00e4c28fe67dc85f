package dev.batpak.kafka.store;

import dev.batpak.kafka.BatpakException;

/**
 * The store met a fatal producer state (fenced by another instance with the same transactional
 * id, an authorization failure, an out-of-order sequence, an unrecoverable transaction error) and
 * failed closed: every call and every waiter fails with this exception, naming the cause, and the
 * durable watermark stops advancing. The store is not recreated silently, because a fenced
 * producer means another instance now owns the transactional id. Close it and open a new store
 * once the cause is understood.
 */
public final class StoreFailedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the fatal cause. */
    public StoreFailedException(String store, Throwable cause) {
        super("STORE_FAILED", "store '" + store + "' failed closed after a fatal producer error: "
                + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                + " — close this EventStore and open a new one once the cause is resolved", cause);
    }
}
