package dev.batpak.kafka.store;

import dev.batpak.kafka.BatpakException;

/** A call was made on an {@code EventStore} after {@code close()}. Open a new store. */
public final class StoreClosedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the named store. */
    public StoreClosedException(String store) {
        super("STORE_CLOSED", "store '" + store + "' is closed: open a new EventStore");
    }
}
