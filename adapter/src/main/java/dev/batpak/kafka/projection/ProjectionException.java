package dev.batpak.kafka.projection;

import dev.batpak.kafka.BatpakException;

/** A projection could not be registered, stored or queried; the code says which. */
public final class ProjectionException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The projection's name or schema version is invalid, or two projections share a name. */
    public static final String INVALID_PROJECTION = "INVALID_PROJECTION";
    /** Stored state bytes could not be decoded by the projection's codec. */
    public static final String STATE_CODEC = "PROJECTION_STATE_CODEC";
    /** The projection's store is not queryable here (starting, rebalancing or owned by another instance). */
    public static final String UNAVAILABLE = "PROJECTION_UNAVAILABLE";
    /** The named projection is not registered in this application. */
    public static final String UNKNOWN = "UNKNOWN_PROJECTION";

    /** An error with {@code code} and a message saying what was wrong and what to do. */
    public ProjectionException(String code, String message) {
        super(code, message);
    }

    /** An error with {@code code}, a message and its cause. */
    public ProjectionException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
