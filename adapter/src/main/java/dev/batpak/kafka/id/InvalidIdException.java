package dev.batpak.kafka.id;

import dev.batpak.kafka.BatpakException;

/**
 * A typed id could not be built: its text form, byte form or generation input was malformed.
 *
 * <p>Ids are the identity of events and operations; a silently "repaired" id would point at a
 * different event, so every malformed input is refused rather than normalised.
 */
public final class InvalidIdException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "INVALID_ID";

    private final String idType;

    InvalidIdException(String idType, String message) {
        super(CODE, message);
        this.idType = idType;
    }

    /** The simple name of the id type that was being built, for example {@code EventId}. */
    public String idType() {
        return idType;
    }
}
