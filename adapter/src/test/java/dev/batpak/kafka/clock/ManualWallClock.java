package dev.batpak.kafka.clock;

import java.time.Instant;
import java.time.InstantSource;

/** A wall clock the test moves by hand, forwards or backwards. */
final class ManualWallClock implements InstantSource {

    private volatile long millis;

    ManualWallClock(long millis) {
        this.millis = millis;
    }

    void set(long newMillis) {
        this.millis = newMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public long millis() {
        return millis;
    }
}
