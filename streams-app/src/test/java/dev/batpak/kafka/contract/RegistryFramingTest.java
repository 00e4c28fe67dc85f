package dev.batpak.kafka.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.registry.InMemorySchemaRegistry;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import dev.batpak.kafka.verify.JournalVerifier;
import dev.batpak.kafka.verify.VerificationReport;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a schema registry configured, the whole path — EventStore, sequencer, verifier — writes
 * and reads the Confluent wire format, and a journal record's schema id resolves in the registry
 * to the JournalEvent schema. (The registry client itself is tested against a real Apicurio
 * server in the registry-server module; here the JVM-local {@code mock://} registry keeps the
 * test about the wiring.)
 */
class RegistryFramingTest {

    @TempDir
    Path tempDir;

    @Test
    void theWholePathSpeaksTheRegistryWireFormat() throws Exception {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        String store = StoreNames.unique("registry");
        String scope = store;
        Map<String, String> registry = Map.of("schema.registry.url", "mock://" + scope);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, 1, (short) 1, Duration.ofSeconds(30));
        }
        SequencerConfig.Builder config = SequencerConfig.builder(bootstrap, store).stateDir(tempDir);
        registry.forEach(config::registryProperty);
        try (SequencerApp sequencer = new SequencerApp(config.build());
                EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store)
                        .kafkaProperties(Map.copyOf(registry)).build())) {
            sequencer.start(Duration.ofSeconds(90));
            Outcome.Committed committed = assertInstanceOf(Outcome.Committed.class, events.waitFor(events.append(
                    Coordinate.of("order:9", "shop"), EventKind.custom(1, 1), Payload.json("{\"n\":9}")),
                    Stage.VISIBLE, Duration.ofSeconds(60)));
            assertEquals(0, committed.event().clock());

            byte[] value = firstJournalValue(bootstrap, store);
            assertEquals(0, value[0], "PROPERTY: the journal is in the Confluent wire format (magic byte 0)");
            int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
            Schema schema = InMemorySchemaRegistry.scope(scope).schemaById(schemaId);
            assertEquals(JournalEvent.getClassSchema().getFullName(), schema.getFullName(),
                    "the schema id names the JournalEvent schema in the registry");

            Map<String, Object> verifyConfig = new HashMap<>(registry);
            verifyConfig.put("bootstrap.servers", bootstrap);
            VerificationReport report = JournalVerifier.withoutKeys().verifyStore(verifyConfig, store,
                    Duration.ofSeconds(60));
            assertTrue(report.isIntact(), report.summary());
            assertEquals(1, report.eventsChecked());
        } finally {
            InMemorySchemaRegistry.dropScope(scope);
        }
    }

    private static byte[] firstJournalValue(String bootstrap, String store) {
        TopicPartition journal = new TopicPartition(StoreTopics.of(store).journal(), 0);
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(journal));
            consumer.seekToBeginning(List.of(journal));
            Conditions.await(Duration.ofSeconds(30), "a journal record", () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
        }
        assertFalse(values.isEmpty());
        return values.get(0);
    }
}
