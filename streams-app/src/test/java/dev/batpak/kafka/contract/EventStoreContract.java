package dev.batpak.kafka.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchReceipt;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.receipt.ReceiptVerification;
import dev.batpak.kafka.receipt.ReceiptVerifier;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.sequencer.ProposalContext;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end contract of an event store: EventStore appends, the sequencer decides, and the
 * decision comes back through {@code waitFor(VISIBLE)}. Subclasses bind it to a broker.
 */
abstract class EventStoreContract {

    static final EventKind ORDER_PLACED = EventKind.custom(1, 1);
    static final EventKind ORDER_FLAGGED = EventKind.custom(1, 99);
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();

    abstract KafkaTestBroker broker();

    /** A store with its topics, a sequencer (signing, with one stateful gate) and an EventStore. */
    final class Harness {
        final String store = StoreNames.unique("e2e");
        final SigningKey key = SigningKey.generate();
        final int lanes;
        SequencerApp sequencer;
        EventStore events;

        Harness(int lanes) throws Exception {
            this.lanes = lanes;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker().bootstrapServers()))) {
                StoreTopics.of(store).create(admin, lanes, (short) 1, Duration.ofSeconds(30));
            }
            Path keyFile = tempDir.resolve(store + ".pem");
            key.save(keyFile);
            startSequencer();
            events = EventStore.open(StoreConfig.builder(broker().bootstrapServers(), store).lanes(lanes).build());
            open.add(events);
        }

        void startSequencer() {
            Gate<ProposalContext> noFlagged = Gate.require("no-flagged-orders",
                    ctx -> !ctx.kind().equals(ORDER_FLAGGED), "FLAGGED", "flagged orders need review");
            SequencerConfig config = SequencerConfig.builder(broker().bootstrapServers(), store)
                    .stateDir(tempDir.resolve(store + "-state"))
                    .signingKeyFile(tempDir.resolve(store + ".pem"))
                    .build();
            sequencer = new SequencerApp(config, GateSet.of(noFlagged));
            sequencer.start(WAIT);
            open.add(sequencer);
        }

        Outcome visible(AppendReceipt receipt) {
            return events.waitFor(receipt, Stage.VISIBLE, WAIT);
        }

        Outcome.Committed committed(AppendReceipt receipt) {
            return assertInstanceOf(Outcome.Committed.class, visible(receipt));
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aCommittedEventChainsAndItsReceiptVerifiesOfflineWithThePublicKeyOnly() throws Exception {
        Harness h = new Harness(2);
        Coordinate order = Coordinate.of("order:1", "shop");
        Outcome.Committed first = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{\"n\":1}")));
        Outcome.Committed second = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{\"n\":2}")));
        assertEquals(0, first.event().clock(), "PROPERTY: a stream's clock starts at 0");
        assertArrayEquals(new byte[32], first.event().prevHash(), "PROPERTY: genesis prev hash is zero");
        assertEquals(1, second.event().clock(), "PROPERTY: clocks are dense");
        assertArrayEquals(first.event().eventHash(), second.event().prevHash(), "PROPERTY: prev hash links the chain");
        assertTrue(second.event().hlc().compareTo(first.event().hlc()) > 0, "PROPERTY: HLC increases in a stream");

        VerifyingKeys keys = VerifyingKeys.of(h.key.verifyingKey());
        ReceiptVerification verdict = ReceiptVerifier.verify(second.receipt(), keys);
        assertTrue(verdict.isSigned(), "receipt verifies offline: " + verdict);
        assertTrue(h.events.frontier().lane(second.appendReceipt().lane()).visible()
                > second.appendReceipt().proposalOffset(), "the frontier reached visible");

        StoredEvent read = h.events.get(second.event().eventId(), WAIT);
        assertEquals(second.event(), read);
        List<StoredEvent> stream = h.events.readStream("order:1", first.appendReceipt().lane(), 0, 10, WAIT);
        assertEquals(List.of(first.event().eventId(), second.event().eventId()),
                stream.stream().map(StoredEvent::eventId).toList());
    }

    @Test
    void aStatefulGateDenialIsAJournalEventWithTheFullTrace() throws Exception {
        Harness h = new Harness(1);
        Coordinate order = Coordinate.of("order:2", "shop");
        AppendReceipt receipt = h.events.append(order, ORDER_FLAGGED, Payload.json("{}"));
        Outcome.Denied denied = assertInstanceOf(Outcome.Denied.class, h.visible(receipt));
        assertEquals("GATE_DENIED", denied.code());
        // The trace lists the sequencer's built-in checks (all passed) and then the caller's gates.
        var last = denied.evaluations().get(denied.evaluations().size() - 1);
        assertEquals("no-flagged-orders", last.gateId());
        GateVerdict.Deny deny = assertInstanceOf(GateVerdict.Deny.class, last.verdict());
        assertEquals("FLAGGED", deny.code());
        assertTrue(denied.evaluations().subList(0, denied.evaluations().size() - 1).stream()
                .allMatch(e -> e.verdict() instanceof GateVerdict.Permit), "every check before the gate passed");
        assertEquals(receipt.eventId(), denied.proposedEventId());
        assertEquals(EventKind.SYSTEM_DENIAL, denied.denialEvent().kind());
        assertEquals(0, denied.denialEvent().clock(), "PROPERTY: a denial takes the stream's next clock");
        assertTrue(ReceiptVerifier.verify(denied.receipt(), VerifyingKeys.of(h.key.verifyingKey())).isSigned(),
                "PROPERTY: a denial is as verifiable as a commit");
        Outcome.Committed next = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{}")));
        assertEquals(1, next.event().clock());
        assertArrayEquals(denied.denialEvent().eventHash(), next.event().prevHash());
    }

    @Test
    void twoConcurrentAppendsWithTheSameExpectedSequenceCommitExactlyOnce() throws Exception {
        Harness h = new Harness(2);
        Coordinate account = Coordinate.of("account:7", "bank");
        h.committed(h.events.append(account, ORDER_PLACED, Payload.json("{\"open\":true}"),
                AppendOptions.none().expect(ExpectedSequence.empty())));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Outcome> contender = () -> h.visible(h.events.append(account, ORDER_PLACED,
                    Payload.json("{\"debit\":5}"), AppendOptions.none().expect(ExpectedSequence.of(0))));
            Future<Outcome> a = pool.submit(contender);
            Future<Outcome> b = pool.submit(contender);
            List<Outcome> outcomes = List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES));
            long committed = outcomes.stream().filter(o -> o instanceof Outcome.Committed).count();
            assertEquals(1, committed, "PROPERTY: exactly one of two CAS contenders commits: " + outcomes);
            Outcome.Denied loser = (Outcome.Denied) outcomes.stream().filter(o -> o instanceof Outcome.Denied)
                    .findFirst().orElseThrow();
            assertEquals("SEQUENCE_MISMATCH", loser.code());
            assertEquals("1", loser.contextValue("actual"), "the denial names the actual head: " + loser.context());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyedEventIsFoundByItsIdWhateverTheKeyBitsLookLike() throws Exception {
        Harness h = new Harness(2);
        long now = System.currentTimeMillis();
        // Keys are opaque bits; these three carry UUIDv7 version bits with a future, an ancient and a
        // current "timestamp", which a point read may use as a hint but must not trust.
        List<IdempotencyKey> keys = List.of(v7LookingKey(now + Duration.ofDays(3650).toMillis()),
                v7LookingKey(1), v7LookingKey(now), IdempotencyKey.forOperation("lookup", "plain"));
        for (int i = 0; i < keys.size(); i++) {
            Outcome.Committed committed = h.committed(h.events.append(Coordinate.of("order:k" + i, "shop"), ORDER_PLACED,
                    Payload.json("{\"k\":" + i + "}"), AppendOptions.none().idempotencyKey(keys.get(i))));
            assertEquals(keys.get(i).toEventId(), committed.event().eventId());
            assertEquals(committed.event(), h.events.get(keys.get(i).toEventId(), WAIT),
                    "PROPERTY: get finds the keyed event " + keys.get(i));
        }
    }

    private static IdempotencyKey v7LookingKey(long millis) {
        long msb = (millis << 16) | 0x7000L | 0x0abcL;
        return IdempotencyKey.of(new java.util.UUID(msb, 0x8000_0000_0000_0001L | millis));
    }

    @Test
    void anIdempotentRetryReturnsTheOriginalOutcomeAlsoAfterTheSequencerRestarts() throws Exception {
        Harness h = new Harness(2);
        Coordinate order = Coordinate.of("order:3", "shop");
        IdempotencyKey key = IdempotencyKey.forOperation("checkout", "cart-3");
        AppendOptions keyed = AppendOptions.none().idempotencyKey(key).expect(ExpectedSequence.empty());
        Outcome.Committed original = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{\"t\":9}"), keyed));

        Outcome.Committed retry = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{\"t\":9}"), keyed));
        assertTrue(retry.replayed(), "PROPERTY: a retry is answered with the original event");
        assertEquals(original.event().eventId(), retry.event().eventId());
        assertEquals(original.event().clock(), retry.event().clock());

        Outcome.Denied conflict = assertInstanceOf(Outcome.Denied.class,
                h.visible(h.events.append(order, ORDER_PLACED, Payload.json("{\"t\":10}"), keyed)));
        assertEquals("IDEMPOTENCY_CONFLICT", conflict.code());

        h.sequencer.close();
        h.startSequencer();
        Outcome.Committed afterRestart = h.committed(h.events.append(order, ORDER_PLACED, Payload.json("{\"t\":9}"),
                keyed));
        assertEquals(original.event().eventId(), afterRestart.event().eventId());
        assertEquals(0, afterRestart.event().clock(), "PROPERTY: no second event after a restart");
    }

    @Test
    void aBatchCommitsWholeOrIsDeniedWhole() throws Exception {
        Harness h = new Harness(1);
        List<BatchItem> items = List.of(
                BatchItem.of(Coordinate.of("order:4", "shop"), ORDER_PLACED, Payload.json("{}")),
                BatchItem.of(Coordinate.of("invoice:4", "shop"), ORDER_PLACED, Payload.json("{}")).causedByItem(0));
        BatchReceipt ok = h.events.appendBatch(items, AppendOptions.none().waitFor(Stage.VISIBLE, WAIT));
        for (AppendReceipt item : ok.items()) {
            h.committed(item);
        }
        Outcome.Committed invoice = h.committed(ok.item(1));
        assertEquals(Optional.of(dev.batpak.kafka.id.CausationId.of(ok.item(0).eventId())),
                invoice.event().primaryCause());

        List<BatchItem> doomed = List.of(
                BatchItem.of(Coordinate.of("order:5", "shop"), ORDER_PLACED, Payload.json("{}")),
                BatchItem.of(Coordinate.of("order:5", "shop"), ORDER_FLAGGED, Payload.json("{}")));
        BatchReceipt denied = h.events.appendBatch(doomed, AppendOptions.none());
        Outcome.Denied first = assertInstanceOf(Outcome.Denied.class, h.visible(denied.item(0)));
        Outcome.Denied second = assertInstanceOf(Outcome.Denied.class, h.visible(denied.item(1)));
        assertEquals("BATCH_ABORTED", first.code(), "PROPERTY: one denial denies every item");
        assertEquals("GATE_DENIED", second.code());
    }

    @Test
    void garbageOnTheProposalsTopicIsQuarantinedAndTheLaneGoesOn() throws Exception {
        Harness h = new Harness(1);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(Map.of(
                "bootstrap.servers", broker().bootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(StoreTopics.of(h.store).proposals(), 0,
                    "x".getBytes(), "not a proposal".getBytes())).get();
        }
        Outcome.Committed after = h.committed(h.events.append(Coordinate.of("order:6", "shop"), ORDER_PLACED,
                Payload.json("{}")));
        assertEquals(0, after.event().clock());
        assertTrue(Files.isDirectory(tempDir), "state directory in use");
    }
}
