package dev.batpak.kafka.testkit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique store names for tests: tests share one broker and isolate themselves by store name
 * (the topic prefix).
 */
public final class StoreNames {

    private static final AtomicLong COUNTER = new AtomicLong();

    private StoreNames() {
    }

    /** A store name unique in this broker's lifetime, starting with {@code prefix}. */
    public static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() & 0xffffffL, 36) + "-" + COUNTER.incrementAndGet();
    }
}
