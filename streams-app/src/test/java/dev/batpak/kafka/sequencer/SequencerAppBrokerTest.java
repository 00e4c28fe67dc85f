package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.keyed;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.sequencer.internal.SequencerProcessor;
import dev.batpak.kafka.store.StoreTopicsException;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequencer application on a real (in-JVM) broker, under exactly-once v2. */
class SequencerAppBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    @Test
    void proposalsBecomeJournalEventsAndTheFrontierReachesTheEnd() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("seq-e2e"), 3);
                SequencerApp app = new SequencerApp(store.config(stateDir).build())) {
            long starting = System.nanoTime();
            app.start(WAIT);
            long running = System.nanoTime();
            store.send(proposal("warm-up", "first").build()).get();
            Conditions.await(WAIT, "the first proposal is sealed", () -> store.journal().size() == 1);
            System.out.printf("sequencer on the in-JVM broker: RUNNING after %.2f s, first event visible %.2f s later%n",
                    (running - starting) / 1e9, (System.nanoTime() - running) / 1e9);
            int count = 2000;
            long started = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                acks.add(store.send(proposal("entity-" + (i % 17), "payload " + i).build()));
            }
            store.flush();
            RecordMetadata garbage = store.sendRaw(1, "not a proposal".getBytes(StandardCharsets.UTF_8));
            Conditions.await(WAIT, "all " + (count + 2) + " journal records", () -> store.journal().size() >= count + 2);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("sequencer on the in-JVM broker: %d proposals to read_committed journal in %.2f s"
                    + " (%.0f proposals/s, 3 lanes, commit 20 ms)%n", count, seconds, count / seconds);
            app.kafkaStreams().metrics().forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && name.name().equals("commit-latency-avg")) {
                    System.out.printf("sequencer on the in-JVM broker: average commit (flush + transaction) %.1f ms%n",
                            (Double) metric.metricValue());
                }
            });
            List<JournalEvent> journal = store.journal();
            assertEquals(count + 2, journal.size(), "PROPERTY: one journal record per proposal, no duplicate");
            assertEquals(19, Chains.verify(journal), "17 entity streams, the warm-up and lane 1's quarantine stream");
            Set<String> positions = new HashSet<>();
            for (JournalEvent e : journal) {
                assertTrue(positions.add(e.getLane() + "@" + e.getProposalOffset()), "one decision per proposal");
            }
            for (Future<RecordMetadata> ack : acks) {
                RecordMetadata m = ack.get();
                assertTrue(positions.contains(m.partition() + "@" + m.offset()), "decided: " + m);
            }
            JournalEvent quarantined = journal.stream()
                    .filter(e -> e.getEntity().equals(SequencerProcessor.QUARANTINE_ENTITY)).findFirst().orElseThrow();
            assertEquals(garbage.offset(), quarantined.getProposalOffset());
            assertEquals(1, quarantined.getLane());

            Map<Integer, Long> ends = store.proposalEnds();
            Conditions.await(WAIT, "VISIBLE reaches the end of every lane " + ends, () -> {
                for (int lane = 0; lane < store.lanes; lane++) {
                    if (store.visible(lane) != ends.get(lane)) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    @Test
    void anUncleanRestartLeavesNoDuplicateNoGapAndKeepsIdempotency() throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("seq-restart"), 2)) {
            SequencerConfig config = store.config(stateDir).build();
            SequencerApp first = new SequencerApp(config);
            first.start(WAIT);
            UUID key = TestProposals.uuid();
            store.send(keyed("keyed-entity", "the original", key).build()).get();

            int total = 3000;
            List<Future<RecordMetadata>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread producer = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    acks.add(store.send(proposal("stream-" + (i % 11), "n" + i).build()));
                }
                store.flush();
            }, "proposal-producer");
            producer.start();
            Conditions.await(WAIT, "the sequencer is halfway through", () -> store.journal().size() > 200);
            first.close(Duration.ZERO);
            producer.join(WAIT.toMillis());
            int seenAtStop = store.journal().size();
            Conditions.await(WAIT, "the first instance is down", () -> first.state() == KafkaStreams.State.NOT_RUNNING);

            try (SequencerApp second = new SequencerApp(config)) {
                second.start(WAIT);
                Conditions.await(WAIT, "every proposal decided after the restart",
                        () -> store.journal().size() >= total + 1);
                store.send(keyed("keyed-entity", "the original", key).build()).get();
                Map<Integer, Long> ends = store.proposalEnds();
                Conditions.await(WAIT, "the retry is decided (VISIBLE at the end of every lane)", () -> {
                    for (int lane = 0; lane < store.lanes; lane++) {
                        if (store.visible(lane) != ends.get(lane)) {
                            return false;
                        }
                    }
                    return true;
                });
                List<JournalEvent> journal = store.journal();
                System.out.printf("restart: %d of %d journal records were visible when the first instance stopped%n",
                        seenAtStop, total + 1);
                assertEquals(total + 1, journal.size(),
                        "PROPERTY: no duplicate and no gap across an unclean restart; the keyed retry adds nothing");
                Chains.verify(journal);
                Map<String, Integer> decisions = new HashMap<>();
                for (JournalEvent e : journal) {
                    decisions.merge(e.getLane() + "@" + e.getProposalOffset(), 1, Integer::sum);
                }
                for (Future<RecordMetadata> ack : acks) {
                    RecordMetadata m = ack.get();
                    assertEquals(1, decisions.getOrDefault(m.partition() + "@" + m.offset(), 0),
                            "PROPERTY: every acknowledged proposal is decided exactly once: " + m);
                }
                long keyedEvents = journal.stream().filter(e -> e.getEntity().equals("keyed-entity")).count();
                assertEquals(1, keyedEvents, "the retry after the restart returned the original");
            }
        }
    }

    @Test
    void anInstanceWithEmptyStateRestoresFromTheChangelogsAndContinuesEveryChain(@TempDir Path otherStateDir)
            throws Exception {
        try (BrokerFixture store = new BrokerFixture(StoreNames.unique("seq-restore"), 2)) {
            UUID key = TestProposals.uuid();
            try (SequencerApp first = new SequencerApp(store.config(stateDir).build())) {
                first.start(WAIT);
                store.send(keyed("restored", "the original", key).build()).get();
                for (int i = 0; i < 100; i++) {
                    store.send(proposal("restored-" + (i % 5), "before " + i).build());
                }
                store.flush();
                Conditions.await(WAIT, "101 records before the move", () -> store.journal().size() == 101);
            }
            try (SequencerApp second = new SequencerApp(store.config(otherStateDir).build())) {
                second.start(WAIT);
                store.send(keyed("restored", "the original", key).build()).get();
                for (int i = 0; i < 100; i++) {
                    store.send(proposal("restored-" + (i % 5), "after " + i).build());
                }
                store.flush();
                Map<Integer, Long> ends = store.proposalEnds();
                Conditions.await(WAIT, "every proposal after the move decided", () -> {
                    for (int lane = 0; lane < store.lanes; lane++) {
                        if (store.visible(lane) != ends.get(lane)) {
                            return false;
                        }
                    }
                    return true;
                });
                List<JournalEvent> journal = store.journal();
                assertEquals(201, journal.size(), "the keyed retry was answered from the restored idempotency store");
                assertEquals(6, Chains.verify(journal),
                        "PROPERTY: chains continue across a move to an instance with no local state");
            }
        }
    }

    @Test
    void startFailsClearlyWhenTheTopicsAreMissing() {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        SequencerConfig config = SequencerConfig.builder(bootstrap, StoreNames.unique("seq-missing"))
                .stateDir(stateDir).build();
        try (SequencerApp app = new SequencerApp(config)) {
            StoreTopicsException e = assertThrows(StoreTopicsException.class, () -> app.start(WAIT));
            assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        }
    }
}
