package dev.batpak.kafka.read;

import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.id.EventId;

/** No visible event has the requested id (it may not be sealed yet, or it was denied). */
public final class EventNotFoundException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code eventId}. */
    public EventNotFoundException(EventId eventId) {
        super("NOT_FOUND", "no visible event has id " + eventId + ": it may not be visible yet (wait for VISIBLE),"
                + " or its proposal was denied");
    }
}
