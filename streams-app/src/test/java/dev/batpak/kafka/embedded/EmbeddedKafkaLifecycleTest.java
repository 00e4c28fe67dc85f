package dev.batpak.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.store.StoreTopicsException;
import dev.batpak.kafka.testkit.Conditions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's whole life on one data directory: start a real child broker, use it with
 * plain Kafka clients, stop it, restart it on the same data (the record is still there), and
 * restart it fresh (the data is gone).
 */
class EmbeddedKafkaLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void startUseStopRestartOnTheSameDataThenFresh() throws Exception {
        StoreTopics topics = StoreTopics.of("lifecycle");
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.of(dataDir);
        Path lockFile = dataDir.resolve("broker.lock");
        int firstPort;
        long firstPid;

        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            firstPort = kafka.port();
            firstPid = kafka.pid();
            assertFalse(kafka.reusedData(), "PROPERTY: a new data directory is formatted");
            assertTrue(Files.exists(lockFile), "PROPERTY: a running broker holds the lock file");
            assertTrue(Files.readString(lockFile).contains("broker=" + kafka.pid()), Files.readString(lockFile));
            assertTrue(Files.exists(dataDir.resolve("kafka-logs/meta.properties")));
            assertTrue(Files.size(kafka.logFile()) > 0, "PROPERTY: the broker logs to its file, not the console");

            EmbeddedKafkaException inUse = assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedKafka.start(config));
            assertEquals(EmbeddedKafkaException.Reason.DATA_DIR_IN_USE, inUse.reason());
            assertEquals("DATA_DIR_IN_USE", inUse.code());
            assertTrue(inUse.getMessage().contains("broker pid " + kafka.pid()), inUse.getMessage());
            assertTrue(Files.exists(lockFile), "PROPERTY: a refused start leaves the owner's lock alone");

            try (Admin admin = admin(kafka)) {
                topics.create(admin, 2, (short) 1, TIMEOUT);
            }
            produce(kafka, topics.proposals(), "entity-1", "first");
            assertEquals(List.of("first"), consumeAll(kafka, topics.proposals(), "group-1", 1));
        }
        assertFalse(Files.exists(lockFile), "PROPERTY: a stopped broker leaves no lock file");
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false),
                "PROPERTY: close() ends the broker process");

        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            assertTrue(kafka.reusedData(), "PROPERTY: a restart reuses the data directory");
            assertEquals(firstPort, kafka.port(), "PROPERTY: a restart keeps its port while it is free");
            try (Admin admin = admin(kafka)) {
                topics.verify(admin, 2, TIMEOUT);
            }
            assertEquals(List.of("first"), consumeAll(kafka, topics.proposals(), "group-2", 1),
                    "PROPERTY: what was acknowledged before the restart is still there");
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(config.withFresh(true))) {
            assertFalse(kafka.reusedData(), "PROPERTY: --fresh starts an empty cluster");
            try (Admin admin = admin(kafka)) {
                StoreTopicsException missing = assertThrows(StoreTopicsException.class,
                        () -> topics.verify(admin, 2, TIMEOUT));
                assertEquals(3, missing.problems().size(), missing.getMessage());
            }
        }
        assertFalse(Files.exists(lockFile));
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Consumes with a consumer group (which needs the offsets topic, replication factor 1). */
    private static List<String> consumeAll(EmbeddedKafka kafka, String topic, String group, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Conditions.await(TIMEOUT, expected + " records from " + topic, () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= expected;
            });
        }
        return values;
    }
}
