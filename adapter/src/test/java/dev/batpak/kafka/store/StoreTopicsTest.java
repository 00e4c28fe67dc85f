package dev.batpak.kafka.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** StoreTopics against a real broker: create, idempotent re-create, and every problem verify reports. */
class StoreTopicsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                InJvmKafkaBroker.shared().bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    /** Waits until the broker's metadata reports exactly {@code present} of the store's topics. */
    private static void awaitTopics(StoreTopics topics, Set<String> present) {
        Conditions.await(TIMEOUT, "the broker to report topics " + present, () -> {
            try {
                Set<String> listed = admin.listTopics().names().get();
                return topics.names().stream().filter(listed::contains).collect(Collectors.toSet()).equals(present)
                        && (present.isEmpty() || admin.describeTopics(present).allTopicNames().get().size() == present.size());
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void createThenVerifyPasses() throws Exception {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-ok"));
        topics.create(admin, 3, (short) 1, TIMEOUT);
        topics.verify(admin, 3, TIMEOUT);

        var described = admin.describeTopics(topics.names()).allTopicNames().get();
        assertEquals(3, described.get(topics.proposals()).partitions().size(), "PROPERTY: proposals has one partition per lane");
        assertEquals(3, described.get(topics.journal()).partitions().size(), "PROPERTY: journal has one partition per lane");
        assertEquals(1, described.get(topics.frontier()).partitions().size(), "PROPERTY: frontier has one partition");
        var journal = new ConfigResource(ConfigResource.Type.TOPIC, topics.journal());
        var frontier = new ConfigResource(ConfigResource.Type.TOPIC, topics.frontier());
        var configs = admin.describeConfigs(List.of(journal, frontier)).all().get();
        assertEquals("-1", configs.get(journal).get("retention.ms").value(), "PROPERTY: the journal never expires");
        assertEquals("delete", configs.get(journal).get("cleanup.policy").value());
        assertEquals("compact", configs.get(frontier).get("cleanup.policy").value());
        assertEquals("1", configs.get(journal).get("min.insync.replicas").value(),
                "PROPERTY: min.insync.replicas = min(2, replication factor)");
    }

    @Test
    void createTwiceIsFine() {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-twice"));
        topics.create(admin, 2, (short) 1, TIMEOUT);
        topics.create(admin, 2, (short) 1, TIMEOUT);
        topics.verify(admin, 2, TIMEOUT);
    }

    @Test
    void verifyListsEveryMissingTopic() {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-missing"));
        StoreTopicsException e = assertThrows(StoreTopicsException.class, () -> topics.verify(admin, 3, TIMEOUT));
        assertEquals("STORE_TOPICS_INVALID", e.code());
        assertEquals(List.of(
                "topic " + topics.proposals() + " is missing",
                "topic " + topics.journal() + " is missing",
                "topic " + topics.frontier() + " is missing"), e.problems());
        assertTrue(e.getMessage().contains("batpak topics create"), "PROPERTY: the message says what to run: " + e.getMessage());
    }

    @Test
    void verifyReportsOneMissingTopicAmongPresentOnes() throws Exception {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-one-missing"));
        topics.create(admin, 2, (short) 1, TIMEOUT);
        admin.deleteTopics(List.of(topics.frontier())).all().get();
        awaitTopics(topics, Set.of(topics.proposals(), topics.journal()));
        StoreTopicsException e = assertThrows(StoreTopicsException.class, () -> topics.verify(admin, 2, TIMEOUT));
        assertEquals(List.of("topic " + topics.frontier() + " is missing"), e.problems());
    }

    @Test
    void wrongPartitionCountIsReportedByVerifyAndByCreate() {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-partitions"));
        topics.create(admin, 2, (short) 1, TIMEOUT);
        List<String> expected = List.of(
                "topic " + topics.proposals() + " has 2 partitions, expected 3 (one per lane)",
                "topic " + topics.journal() + " has 2 partitions, expected 3 (one per lane)");

        StoreTopicsException verify = assertThrows(StoreTopicsException.class, () -> topics.verify(admin, 3, TIMEOUT));
        assertEquals(expected, verify.problems());
        StoreTopicsException create = assertThrows(StoreTopicsException.class,
                () -> topics.create(admin, 3, (short) 1, TIMEOUT));
        assertEquals(expected, create.problems(), "PROPERTY: create never silently accepts a wrong shape");
    }

    @Test
    void compactedJournalIsReported() throws Exception {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-compacted"));
        admin.createTopics(List.of(
                new NewTopic(topics.proposals(), 2, (short) 1),
                new NewTopic(topics.journal(), 2, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact", "retention.ms", "-1", "retention.bytes", "-1")),
                new NewTopic(topics.frontier(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all().get();
        awaitTopics(topics, Set.copyOf(topics.names()));
        StoreTopicsException e = assertThrows(StoreTopicsException.class, () -> topics.verify(admin, 2, TIMEOUT));
        assertEquals(List.of("topic " + topics.journal() + " has cleanup.policy=compact; the journal must never be"
                + " compacted, a tombstone would delete history (cleanup.policy=delete)"), e.problems());
    }

    @Test
    void expiringJournalCompactedProposalsAndUncompactedFrontierAreAllReported() throws Exception {
        StoreTopics topics = StoreTopics.of(StoreNames.unique("topics-shape"));
        admin.createTopics(List.of(
                new NewTopic(topics.proposals(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic(topics.journal(), 1, (short) 1).configs(Map.of("retention.ms", "86400000")),
                new NewTopic(topics.frontier(), 2, (short) 1)))
                .all().get();
        awaitTopics(topics, Set.copyOf(topics.names()));
        StoreTopicsException e = assertThrows(StoreTopicsException.class, () -> topics.verify(admin, 1, TIMEOUT));
        assertEquals(Set.of(
                "topic " + topics.proposals() + " has cleanup.policy=compact; proposals must not be compacted,"
                        + " a proposal could vanish before it is sequenced (cleanup.policy=delete)",
                "topic " + topics.journal() + " has retention.ms=86400000; the journal keeps every event (retention.ms=-1)",
                "topic " + topics.frontier() + " has 2 partitions, expected 1",
                "topic " + topics.frontier() + " has cleanup.policy=delete; the frontier must be compacted"
                        + " (cleanup.policy=compact)"),
                Set.copyOf(e.problems()));
        assertEquals(4, e.problems().size());
    }

    @Test
    void createRefusesBadLanesAndReplicationBeforeTalkingToKafka() {
        StoreTopics topics = StoreTopics.of("never-created");
        assertEquals("INVALID_CONFIG", assertThrows(StoreConfigException.class,
                () -> topics.create(admin, 0, (short) 1, TIMEOUT)).code());
        assertThrows(StoreConfigException.class, () -> topics.create(admin, StoreTopics.MAX_LANES + 1, (short) 1, TIMEOUT));
        assertThrows(StoreConfigException.class, () -> topics.create(admin, 1, (short) 0, TIMEOUT));
    }
}
