package dev.batpak.kafka.cursor;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.read.StoredEvent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A lossy, push-delivered feed of the visible events of a region, from a {@link Subscriptions}
 * hub, through a bounded queue. Lossy means a subscriber that falls behind is dropped — and told
 * so by {@link SubscriptionDroppedException} — never that events vanish from a live
 * subscription. For a feed that never skips, use a {@link Cursor}.
 */
public final class Subscription implements AutoCloseable {

    private final Region region;
    private final int capacity;
    private final BlockingQueue<StoredEvent> queue;
    private final Runnable onClose;
    private volatile SubscriptionDroppedException dropped;
    private volatile boolean closed;

    Subscription(Region region, int capacity, Runnable onClose) {
        this.region = region;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    /** Offers an event from the hub's thread; on a full queue the subscription is dropped. */
    boolean offer(StoredEvent event) {
        if (dropped != null || closed || !region.matches(event.coordinate(), event.kind(), event.clock(),
                event.lane())) {
            return dropped == null && !closed;
        }
        if (!queue.offer(event)) {
            dropped = new SubscriptionDroppedException(region.identity(), capacity, event.lane(), event.journalOffset());
            return false;
        }
        return true;
    }

    /**
     * The next event, waiting up to {@code timeout}; empty when none arrived in time.
     *
     * @throws SubscriptionDroppedException once the events queued before a drop are consumed
     */
    public Optional<StoredEvent> next(Duration timeout) {
        StoredEvent event = queue.poll();
        if (event == null && dropped == null) {
            try {
                event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (event == null && dropped != null) {
            throw dropped;
        }
        return Optional.ofNullable(event);
    }

    /** True once the subscription was dropped for falling behind. */
    public boolean isDropped() {
        return dropped != null;
    }

    /** The region. */
    public Region region() {
        return region;
    }

    /** Stops delivery to this subscription. */
    @Override
    public void close() {
        closed = true;
        onClose.run();
    }
}
