package dev.batpak.kafka.bench;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What both sides of every scenario send: the same entities (the raw record key is the batpak
 * coordinate's entity, so both land on the same partition / lane) and the same payload bytes.
 * The client settings are the ones {@code EventStore} uses for its producers, so the raw
 * baseline is the best a careful hand-written producer gets, not a strawman.
 */
final class Workload {

    /** The event kind of every bench event (an ordinary custom kind). */
    static final EventKind KIND = EventKind.custom(1, 1);
    /** Payload size in bytes: a typical small domain event. */
    static final int PAYLOAD_BYTES = 160;
    /** The scope of every coordinate. */
    static final String SCOPE = "bench";

    private static final byte[] FILLER = ("{\"type\":\"AccountCredited\",\"currency\":\"EUR\",\"amount\":1234,"
            + "\"reference\":\"invoice-2026-000000\",\"note\":\"benchmark payload, same bytes on both sides\"}")
            .getBytes(StandardCharsets.US_ASCII);

    private final Coordinate[] coordinates;
    private final byte[][] keys;

    /** A workload over {@code entities} distinct entities. */
    Workload(int entities) {
        coordinates = new Coordinate[entities];
        keys = new byte[entities][];
        for (int i = 0; i < entities; i++) {
            String entity = String.format("account-%05d", i);
            coordinates[i] = Coordinate.of(entity, SCOPE);
            keys[i] = entity.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A random entity index. */
    int pick() {
        return ThreadLocalRandom.current().nextInt(coordinates.length);
    }

    /** The batpak coordinate of entity {@code i}. */
    Coordinate coordinate(int i) {
        return coordinates[i];
    }

    /** The raw record key of entity {@code i}: the entity's UTF-8 bytes, as batpak keys proposals. */
    byte[] key(int i) {
        return keys[i];
    }

    /**
     * The payload of event {@code seq}: {@link #PAYLOAD_BYTES} bytes, the first 8 the sequence
     * number (big-endian, so a raw consumer can tell which scheduled send a record answers), the
     * rest a fixed JSON-like filler.
     */
    static byte[] payload(long seq) {
        byte[] bytes = new byte[PAYLOAD_BYTES];
        ByteBuffer.wrap(bytes).putLong(seq);
        System.arraycopy(FILLER, 0, bytes, 8, Math.min(FILLER.length, PAYLOAD_BYTES - 8));
        return bytes;
    }

    /** The sequence number {@link #payload(long)} wrote into {@code payload}. */
    static long seqOf(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong();
    }

    /**
     * The producer settings of {@code EventStore} (acks=all, idempotence, linger.ms=0, 5 in
     * flight), for the raw baseline; with {@code transactionalId} for the batch baseline.
     */
    static Map<String, Object> producerConfig(String bootstrap, String clientId, String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("linger.ms", "0");
        config.put("max.in.flight.requests.per.connection", "5");
        config.put("client.id", clientId);
        if (transactionalId != null) {
            config.put("transactional.id", transactionalId);
        }
        return config;
    }

    /**
     * The consumer settings of batpak's journal reader (read_committed, no group, no auto
     * commit, everything else Kafka's default), for the raw readers.
     */
    static Map<String, Object> consumerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.put("client.id", clientId);
        return config;
    }
}
