package dev.batpak.kafka.internal.store;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The lane of an entity: Kafka's own key hash (murmur2 of the entity's UTF-8 bytes, made positive)
 * modulo the number of lanes — exactly what Kafka's default partitioner does with a String key —
 * so a plain producer keyed by entity lands on the same lane as {@code EventStore.append}.
 */
public final class Lanes {

    private Lanes() {
    }

    /** The lane of {@code entity} in a store with {@code lanes} lanes. */
    public static int laneOf(String entity, int lanes) {
        return Utils.toPositive(Utils.murmur2(entity.getBytes(StandardCharsets.UTF_8))) % lanes;
    }
}
