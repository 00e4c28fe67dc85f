package dev.batpak.kafka.cursor;

import dev.batpak.kafka.BatpakException;

/**
 * A subscriber fell behind: its bounded queue was full when an event arrived, so it was dropped
 * rather than slowing every other subscriber or losing events silently. Thrown by
 * {@link Subscription#next} once the events queued before the drop are consumed. Catch up with a
 * {@link Cursor} (which never skips), then subscribe again.
 */
public final class SubscriptionDroppedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The code. */
    public static final String CODE = "SUBSCRIBER_DROPPED";

    /** A notice that the subscription over {@code region} was dropped at journal position {@code lane}/{@code offset}. */
    public SubscriptionDroppedException(String region, int capacity, int lane, long offset) {
        super(CODE, "the subscription over region '" + region + "' was dropped: its queue of " + capacity
                + " events was full when the event at lane " + lane + ", journal offset " + offset + " arrived;"
                + " catch up with a cursor and subscribe again, or consume faster or with a larger capacity");
    }
}
