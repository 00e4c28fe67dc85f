package dev.batpak.kafka.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used map: the registry caches hold immutable facts (an id's
 * schema never changes), so the only policy needed is a bound on memory.
 */
final class BoundedCache<K, V> {

    private final Map<K, V> map;

    BoundedCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized void remove(K key) {
        map.remove(key);
    }

    synchronized int size() {
        return map.size();
    }

    /** The cached value, or computes it outside the lock (two threads may both compute; both get a valid value). */
    V computeIfAbsent(K key, Function<K, V> compute) {
        V cached = get(key);
        if (cached != null) {
            return cached;
        }
        V value = compute.apply(key);
        put(key, value);
        return value;
    }
}
