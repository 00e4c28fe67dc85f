package dev.batpak.kafka.store;

import dev.batpak.kafka.BatpakException;

/**
 * A store setting is unusable: an invalid store name, a lane count out of range, a replication
 * factor below one. Thrown before anything is sent to Kafka; the message names the setting, the
 * value and the rule it breaks.
 */
public final class StoreConfigException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The code every instance carries. */
    public static final String CODE = "INVALID_CONFIG";

    /** Creates the exception with a message that says what is wrong and what is allowed. */
    public StoreConfigException(String message) {
        super(CODE, message);
    }
}
