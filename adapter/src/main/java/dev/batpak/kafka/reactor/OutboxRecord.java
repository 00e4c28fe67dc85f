package dev.batpak.kafka.reactor;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record a reactor writes to an external (non-store) topic, its outbox, in the same
 * exactly-once transaction as its input position and its reactions: a read_committed consumer of
 * the topic sees it exactly when the reactions to the same source are committed, and never from
 * a batch that was rolled back. The topic must be declared in {@link Reactor#outboxTopics()} and
 * must exist.
 *
 * <p>The streams app adds two headers to every outbox record, after these:
 * {@value #CAUSATION_HEADER} (the source event id, {@code event:<hex>}) and
 * {@value #CORRELATION_HEADER} (the source's correlation id), so a consumer can trace and dedupe
 * it. Byte arrays are held as given (not copied); {@code equals} compares them by identity.
 *
 * @param topic the destination topic (not one of the store's own topics)
 * @param key the record key (null for none; with a key, the producer's default partitioner picks
 *     the partition by its murmur2 hash)
 * @param value the record value (null for a tombstone)
 * @param headers the record headers, in order
 */
public record OutboxRecord(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {

    /** The header carrying the source event id. */
    public static final String CAUSATION_HEADER = "batpak.causation";
    /** The header carrying the source's correlation id. */
    public static final String CORRELATION_HEADER = "batpak.correlation";

    /**
     * Validates and freezes the headers (their order is kept).
     *
     * @throws IllegalArgumentException if the topic is blank or a header name is blank or reserved
     */
    public OutboxRecord {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("an outbox record needs a topic");
        }
        Objects.requireNonNull(headers, "headers (use Map.of())");
        LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> header : headers.entrySet()) {
            String name = header.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an outbox header name must not be blank");
            }
            if (name.equals(CAUSATION_HEADER) || name.equals(CORRELATION_HEADER)) {
                throw new IllegalArgumentException("outbox header '" + name + "' is set by batpak; use another name");
            }
            copy.put(name, header.getValue());
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /** A record without headers. */
    public static OutboxRecord of(String topic, byte[] key, byte[] value) {
        return new OutboxRecord(topic, key, value, Map.of());
    }

    /** A record with a UTF-8 string key and value and no headers. */
    public static OutboxRecord of(String topic, String key, String value) {
        return new OutboxRecord(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
