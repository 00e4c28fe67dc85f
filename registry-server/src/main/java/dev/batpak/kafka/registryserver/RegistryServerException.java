package dev.batpak.kafka.registryserver;

/**
 * The test registry server could not be found or started; the message says why and, when the
 * server ran, ends with the tail of its log.
 */
public final class RegistryServerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public RegistryServerException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public RegistryServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
