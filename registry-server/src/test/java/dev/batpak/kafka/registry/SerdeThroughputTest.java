package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.registryserver.RegistryServer;
import dev.batpak.kafka.schemas.JournalEvent;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Once the ids are cached, serializing and deserializing make no request: measured here against
 * the real registry and printed to the test's output (the last of three rounds, after warm-up; not
 * asserted: the machine is shared).
 */
class SerdeThroughputTest {

    private static final int RECORDS = 20_000;

    @Test
    void cachedSerializationMakesNoRequests() {
        RegistryServer server = RegistryServer.shared();
        String topic = "throughput-" + UUID.randomUUID();
        SchemaRegistry registry = SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl()));
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer(registry, RegistryConfig.of(server.ccompatUrl()));
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(registry, false);
        GenericRecord order = Avro.record(Avro.ORDER_PLACED, "orderId", "o-1", "amountCents", 1L);

        long first = System.nanoTime();
        byte[] bytes = serializer.serialize(topic, order);
        long firstNanos = System.nanoTime() - first;
        deserializer.deserialize(topic, bytes);

        long serialize = 0;
        long deserialize = 0;
        Object last = null;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                bytes = serializer.serialize(topic, order);
            }
            serialize = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < RECORDS; i++) {
                last = deserializer.deserialize(topic, bytes);
            }
            deserialize = System.nanoTime() - start;
        }

        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl()), topic);
        RecordCodecs plain = RecordCodecs.singleObject(topic);
        JournalEvent event = JournalSamples.event();
        long journalRoundTrips = 0;
        long plainRoundTrips = 0;
        for (int round = 0; round < 3; round++) {
            journalRoundTrips = roundTrips(codecs, event);
            plainRoundTrips = roundTrips(plain, event);
        }

        assertEquals("o-1", ((GenericRecord) last).get("orderId").toString());
        System.out.printf("first serialize incl. registration: %.1f ms%n", firstNanos / 1e6);
        System.out.printf("ConfluentAvroSerializer: %.0f rec/s; ConfluentAvroDeserializer: %.0f rec/s%n",
                RECORDS / (serialize / 1e9), RECORDS / (deserialize / 1e9));
        System.out.printf("JournalEvent encode+decode, registry framing: %.0f round trips/s; single-object: %.0f%n",
                RECORDS / (journalRoundTrips / 1e9), RECORDS / (plainRoundTrips / 1e9));
    }

    /** Nanoseconds for {@link #RECORDS} encode+decode round trips of {@code event}. */
    private static long roundTrips(RecordCodecs codecs, JournalEvent event) {
        long start = System.nanoTime();
        JournalEvent current = event;
        for (int i = 0; i < RECORDS; i++) {
            current = codecs.journalEvent().decode(codecs.journalEvent().encode(current));
        }
        assertEquals(event, current);
        return System.nanoTime() - start;
    }
}
