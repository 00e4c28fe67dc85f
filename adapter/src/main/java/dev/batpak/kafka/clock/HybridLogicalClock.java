package dev.batpak.kafka.clock;

import java.time.InstantSource;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hybrid logical clock (Kulkarni et al., 2014): timestamps that stay close to wall-clock time
 * but are strictly increasing per clock and respect causality across processes.
 *
 * <ul>
 *   <li>{@link #now()} returns a timestamp greater than every timestamp this clock issued
 *       before, even if the wall clock steps backwards (NTP correction, VM migration); the
 *       logical counter absorbs the regression.</li>
 *   <li>{@link #observe(HlcTimestamp)} (the receive rule) returns a timestamp greater than the
 *       remote one and than every earlier one, so an event caused by a received event always
 *       sorts after it.</li>
 *   <li>When the counter fills up, it carries into the milliseconds, so the clock never wraps.</li>
 * </ul>
 *
 * <p>Thread-safe and lock-free: the last issued timestamp is kept packed in an
 * {@link AtomicLong} and advanced by compare-and-set.
 */
public final class HybridLogicalClock {

    private final InstantSource wallClock;
    /** The packed last issued timestamp; 0 ({@link HlcTimestamp#ZERO}) before the first one. */
    private final AtomicLong last = new AtomicLong(HlcTimestamp.ZERO.packed());

    /**
     * A clock driven by the given wall clock.
     *
     * @param wallClock the physical time source, for example {@link InstantSource#system()}
     */
    public HybridLogicalClock(InstantSource wallClock) {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /**
     * A timestamp for a local event: {@code max(wall, last + 1)}.
     *
     * @throws ClockException if the wall clock reads beyond 48 bits of milliseconds, or the
     *     clock is exhausted
     */
    public HlcTimestamp now() {
        return advance(HlcTimestamp.ZERO);
    }

    /**
     * Receive rule: a timestamp for handling a message stamped {@code remote}:
     * {@code max(wall, last + 1, remote + 1)}.
     *
     * @throws ClockException if the wall clock is out of range or no timestamp follows
     *     {@code remote}
     */
    public HlcTimestamp observe(HlcTimestamp remote) {
        Objects.requireNonNull(remote, "remote");
        return advance(remote.successor());
    }

    /**
     * Observes several remote timestamps at once: one timestamp greater than all of them and
     * than every earlier one. An empty collection is the same as {@link #now()}.
     */
    public HlcTimestamp observeAll(Collection<HlcTimestamp> remotes) {
        Objects.requireNonNull(remotes, "remotes");
        HlcTimestamp max = null;
        for (HlcTimestamp r : remotes) {
            Objects.requireNonNull(r, "remotes must not contain null");
            if (max == null || r.compareTo(max) > 0) {
                max = r;
            }
        }
        return max == null ? now() : observe(max);
    }

    /** The last timestamp this clock issued, or {@link HlcTimestamp#ZERO} before the first. */
    public HlcTimestamp last() {
        return HlcTimestamp.fromPacked(last.get());
    }

    /** Issues {@code max(wall, last + 1, floor)} atomically. */
    private HlcTimestamp advance(HlcTimestamp floor) {
        HlcTimestamp wall = new HlcTimestamp(wallMillis(), 0);
        HlcTimestamp lowest = wall.compareTo(floor) >= 0 ? wall : floor;
        while (true) {
            long previous = last.get();
            HlcTimestamp afterPrevious = HlcTimestamp.fromPacked(previous).successor();
            HlcTimestamp next = lowest.compareTo(afterPrevious) >= 0 ? lowest : afterPrevious;
            if (last.compareAndSet(previous, next.packed())) {
                return next;
            }
        }
    }

    /** Wall clock milliseconds; a reading before the epoch counts as 0 (the counter takes over). */
    private long wallMillis() {
        long millis = wallClock.millis();
        if (millis > HlcTimestamp.MAX_PHYSICAL_MILLIS) {
            throw new ClockException(ClockException.Reason.WALL_CLOCK_OUT_OF_RANGE,
                    "wall clock reads " + millis + " ms, beyond the 48-bit HLC range; check the"
                            + " system clock");
        }
        return Math.max(0, millis);
    }
}
