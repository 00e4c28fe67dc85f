package dev.batpak.kafka.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import dev.batpak.kafka.verify.TestJournal.Pos;
import dev.batpak.kafka.verify.TestJournal.Spec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier reading a real journal topic: read_committed, every lane, to the end offsets. */
class JournalVerifierKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int LANES = 3;
    private static final ReceiptSigner SIGNER = ReceiptSigner.of(SigningKey.generate());

    private static String bootstrap;
    private static Admin admin;

    @BeforeAll
    static void connect() {
        bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    private static TestJournal journal() {
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            specs.add(new Spec(i % 5, i % 4, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
        }
        return TestJournal.build(LANES, specs, SIGNER);
    }

    private static String createStore(String prefix) {
        String store = StoreNames.unique(prefix);
        StoreTopics.of(store).create(admin, LANES, (short) 1, TIMEOUT);
        return store;
    }

    /**
     * Writes every event of {@code journal} to its partition, the way the sequencer does: in
     * transactions, keyed by entity. Returns where each event landed.
     */
    private static Map<Pos, RecordMetadata> write(String store, TestJournal journal) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "verify-test-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Pos, RecordMetadata> written = new HashMap<>();
        String topic = StoreTopics.of(store).journal();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Pos pos : journal.eventPositions()) {
                JournalEvent event = journal.event(pos);
                written.put(pos, producer.send(new ProducerRecord<>(topic, pos.partition(),
                        event.getEntity().getBytes(StandardCharsets.UTF_8), journal.partition(pos.partition()).get(pos.index()).bytes())).get());
                if (pos.index() % 5 == 4) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                }
            }
            producer.commitTransaction();
            // An aborted transaction is not part of the journal: read_committed never sees it.
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1, 2, 3})).get();
            producer.abortTransaction();
        }
        return written;
    }

    @Test
    void aValidJournalIsIntactAndACopyWithOneFlippedPayloadByteIsNot() throws Exception {
        TestJournal journal = journal();
        String store = createStore("verify-ok");
        write(store, journal);

        VerificationReport report = JournalVerifier.of(VerifyingKeys.of(SIGNER.verifyingKey()))
                .verifyStore(bootstrap, store, TIMEOUT);
        assertTrue(report.isIntact(), "PROPERTY: a journal written like the sequencer writes it verifies\n" + report.summary());
        assertEquals(store, report.store());
        assertEquals(40, report.eventsChecked(), "PROPERTY: every committed event is read, the aborted record is not");
        assertEquals(40, report.recordsRead());
        assertEquals(LANES, report.lanes());
        assertEquals(journal.streamCount(), report.streams());
        assertEquals(40, report.verifiedSignatures());

        // The same journal in a second store, with one payload bit flipped in one event.
        Pos victim = journal.eventPositions().get(17);
        TestJournal tampered = journal.withEvent(victim, e -> {
            byte[] payload = new byte[e.getPayload().remaining()];
            e.getPayload().duplicate().get(payload);
            payload[3] ^= 0x20;
            return JournalEvent.newBuilder(e).setPayload(ByteBuffer.wrap(payload)).build();
        });
        String copy = createStore("verify-tampered");
        RecordMetadata where = write(copy, tampered).get(victim);

        VerificationReport broken = JournalVerifier.withoutKeys().verifyStore(bootstrap, copy, TIMEOUT);
        assertFalse(broken.isIntact(), broken.summary());
        assertEquals(1, broken.findingCount(), broken.summary());
        Finding finding = broken.findings().get(0);
        assertEquals(FindingCode.CONTENT_HASH_MISMATCH, finding.code());
        assertEquals(where.partition(), finding.lane(), "PROPERTY: the finding names the partition the record is in");
        assertEquals(where.offset(), finding.journalOffset(), "PROPERTY: and its offset");
        assertArrayEquals(journal.event(victim).getEventId().bytes(), finding.eventId().toBytes(), "PROPERTY: and the event");
        assertEquals(journal.event(victim).getEntity(), finding.entity());
        assertEquals(journal.event(victim).getClock(), finding.clock());
        assertEquals(VerificationReport.EXIT_FINDINGS, broken.exitCode());
    }

    @Test
    void aLaneWhoseHeadWasDeletedIsTruncated() throws Exception {
        TestJournal journal = journal();
        String store = createStore("verify-truncated");
        write(store, journal);
        TopicPartition lane1 = new TopicPartition(StoreTopics.of(store).journal(), 1);
        admin.deleteRecords(Map.of(lane1, RecordsToDelete.beforeOffset(3))).all().get();

        VerificationReport report = JournalVerifier.withoutKeys().verifyStore(bootstrap, store, TIMEOUT);
        assertFalse(report.isIntact());
        List<Finding> truncated = report.findings(FindingCode.LANE_TRUNCATED);
        assertEquals(1, truncated.size(), report.summary());
        assertEquals(1, truncated.get(0).lane());
        assertEquals(3, truncated.get(0).journalOffset(), "PROPERTY: the finding names the lane's first remaining offset");
        assertTrue(report.findings(FindingCode.CLOCK_GAP).stream().allMatch(f -> f.lane() == 1),
                "PROPERTY: only streams of the truncated lane lost their start\n" + report.summary());
    }

    @Test
    void aRunThatCannotFinishInTimeGivesNoReport() throws Exception {
        String store = createStore("verify-timeout");
        write(store, journal());
        JournalVerificationException e = assertThrows(JournalVerificationException.class,
                () -> JournalVerifier.withoutKeys().verifyStore(bootstrap, store, Duration.ofNanos(1)));
        assertEquals("VERIFY_TIMEOUT", e.code());
        assertTrue(e.getMessage().contains("longer --timeout"), e.getMessage());
    }

    @Test
    void aStoreWithoutAJournalIsAnError() {
        JournalVerificationException e = assertThrows(JournalVerificationException.class,
                () -> JournalVerifier.withoutKeys().verifyStore(bootstrap, StoreNames.unique("verify-missing"), TIMEOUT));
        assertEquals("JOURNAL_NOT_FOUND", e.code());
        assertEquals(JournalVerificationException.Reason.JOURNAL_NOT_FOUND, e.reason());
    }
}
