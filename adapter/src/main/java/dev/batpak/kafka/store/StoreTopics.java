package dev.batpak.kafka.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The three Kafka topics of one store, which is a namespace: {@code <store>.proposals} and
 * {@code <store>.journal} with one partition per lane, and {@code <store>.frontier} with one
 * compacted partition.
 *
 * <p>The shape is part of the store's correctness, not a tuning choice: a lane is a partition,
 * so the partition count fixes which lane every entity lives on; the journal is the source of
 * truth, so it is never compacted and never expires; the frontier holds only the latest
 * watermark per key, so it is compacted. {@link #verify} checks exactly these properties and
 * {@link #create} creates the topics with them.
 *
 * @param store the store name, valid per {@link #validateStoreName(String)}
 */
public record StoreTopics(String store) {

    /** The largest lane count a store accepts; more is almost certainly a typo. */
    public static final int MAX_LANES = 4096;

    /** Suffix of the proposals topic; the longest of the three, so it bounds the store name. */
    private static final String PROPOSALS_SUFFIX = ".proposals";
    private static final String JOURNAL_SUFFIX = ".journal";
    private static final String FRONTIER_SUFFIX = ".frontier";

    /** Kafka's limit on a topic name's length. */
    private static final int MAX_TOPIC_NAME_LENGTH = 249;

    /** The longest store name whose topic names all fit Kafka's limit. */
    public static final int MAX_STORE_NAME_LENGTH = MAX_TOPIC_NAME_LENGTH - PROPOSALS_SUFFIX.length();

    /** Validates the store name; use {@link #of(String)}. */
    public StoreTopics {
        validateStoreName(store);
    }

    /**
     * The topics of {@code store}.
     *
     * @throws StoreConfigException if the name breaks {@link #validateStoreName(String)}
     */
    public static StoreTopics of(String store) {
        return new StoreTopics(store);
    }

    /**
     * Checks a store name against Kafka's topic-name rules, applied to the longest topic it
     * produces: 1 to {@value #MAX_STORE_NAME_LENGTH} characters from {@code [a-zA-Z0-9._-]}, and
     * not {@code .} or {@code ..} (the name is also used as a directory name).
     *
     * @throws StoreConfigException naming the rule the name breaks
     */
    public static void validateStoreName(String store) {
        if (store == null || store.isEmpty()) {
            throw new StoreConfigException("the store name is empty: give a name of 1 to " + MAX_STORE_NAME_LENGTH
                    + " characters from [a-zA-Z0-9._-]");
        }
        if (store.length() > MAX_STORE_NAME_LENGTH) {
            throw new StoreConfigException("the store name is " + store.length() + " characters long; at most "
                    + MAX_STORE_NAME_LENGTH + " fit, because the topic name '<store>" + PROPOSALS_SUFFIX
                    + "' must not exceed Kafka's " + MAX_TOPIC_NAME_LENGTH + " characters");
        }
        for (int i = 0; i < store.length(); i++) {
            char c = store.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new StoreConfigException("the store name '" + printable(store) + "' has the character "
                        + describe(c) + " at index " + i + "; a store name may contain only [a-zA-Z0-9._-]");
            }
        }
        if (store.equals(".") || store.equals("..")) {
            throw new StoreConfigException("the store name '" + store + "' is not allowed: it is a path component"
                    + " with a special meaning; choose a name with at least one letter or digit");
        }
    }

    /**
     * Checks a lane count: 1 to {@value #MAX_LANES}.
     *
     * @throws StoreConfigException if it is out of range
     */
    public static void validateLanes(int lanes) {
        if (lanes < 1 || lanes > MAX_LANES) {
            throw new StoreConfigException("the lane count is " + lanes + "; a store has 1 to " + MAX_LANES
                    + " lanes (one partition of proposals and journal per lane)");
        }
    }

    /** {@code <store>.proposals}: what appends produce, one partition per lane. */
    public String proposals() {
        return store + PROPOSALS_SUFFIX;
    }

    /** {@code <store>.journal}: the sealed events, one partition per lane, never compacted. */
    public String journal() {
        return store + JOURNAL_SUFFIX;
    }

    /** {@code <store>.frontier}: per-lane watermark announcements, one compacted partition. */
    public String frontier() {
        return store + FRONTIER_SUFFIX;
    }

    /** The three topic names: proposals, journal, frontier. */
    public List<String> names() {
        return List.of(proposals(), journal(), frontier());
    }

    /**
     * Creates the three topics. Idempotent: a topic that already exists is left alone if it has
     * the right shape; if it has not, nothing is changed and the problems are reported.
     *
     * <p>Proposals and journal get {@code cleanup.policy=delete}, the journal also
     * {@code retention.ms=-1} and {@code retention.bytes=-1}; the frontier gets
     * {@code cleanup.policy=compact} and one partition; every topic gets
     * {@code min.insync.replicas = min(2, replicationFactor)}, so that with three replicas an
     * acknowledged write survives the loss of one broker.
     *
     * @throws StoreConfigException if {@code lanes} or {@code replicationFactor} is out of range
     * @throws StoreTopicsException with code {@link StoreTopicsException#INVALID} if an existing
     *     topic has the wrong shape, or {@link StoreTopicsException#FAILED} if Kafka refused or
     *     did not answer within {@code timeout}
     */
    public void create(Admin admin, int lanes, short replicationFactor, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        validateLanes(lanes);
        if (replicationFactor < 1) {
            throw new StoreConfigException("the replication factor is " + replicationFactor
                    + "; it must be at least 1 (1 for a single broker, 3 for production)");
        }
        long deadline = deadline(timeout);
        String minInsync = Integer.toString(Math.min(2, replicationFactor));
        List<NewTopic> topics = List.of(
                new NewTopic(proposals(), lanes, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)),
                new NewTopic(journal(), lanes, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)),
                new NewTopic(frontier(), 1, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync)));
        Map<String, ? extends Future<Void>> results = admin.createTopics(topics,
                new CreateTopicsOptions().timeoutMs(remainingMillis(deadline))).values();
        List<String> existing = new ArrayList<>();
        for (String name : names()) {
            try {
                await(results.get(name), deadline);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    existing.add(name);
                } else {
                    throw StoreTopicsException.failed(store, "create", e.getCause());
                }
            }
        }
        // Kafka acknowledges a creation when the controller has committed it, before every broker
        // knows the topic: wait until the topics can be described, so that whoever uses them
        // next (a producer, verify) finds them.
        awaitVisible(admin, deadline);
        // Topics created just now have the shape asked for; only the ones found may be wrong.
        if (!existing.isEmpty()) {
            List<String> problems = inspect(admin, lanes, existing, deadline);
            if (!problems.isEmpty()) {
                throw StoreTopicsException.invalid(store, lanes, problems);
            }
        }
    }

    /**
     * Checks that the three topics exist with the shape a store of {@code lanes} lanes needs.
     *
     * @throws StoreTopicsException with code {@link StoreTopicsException#INVALID} listing every
     *     missing or wrong topic, or {@link StoreTopicsException#FAILED} if Kafka refused or did
     *     not answer within {@code timeout}
     */
    public void verify(Admin admin, int lanes, Duration timeout) {
        Objects.requireNonNull(admin, "admin");
        validateLanes(lanes);
        List<String> problems = inspect(admin, lanes, names(), deadline(timeout));
        if (!problems.isEmpty()) {
            throw StoreTopicsException.invalid(store, lanes, problems);
        }
    }

    private void awaitVisible(Admin admin, long deadline) {
        long pauseNanos = TimeUnit.MILLISECONDS.toNanos(10);
        while (true) {
            var descriptions = admin.describeTopics(names(),
                    new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline))).topicNameValues();
            boolean allVisible = true;
            for (String topic : names()) {
                try {
                    await(descriptions.get(topic), deadline);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw StoreTopicsException.failed(store, "describe", e.getCause());
                    }
                    allVisible = false;
                }
            }
            if (allVisible) {
                return;
            }
            if (System.nanoTime() + pauseNanos > deadline) {
                throw StoreTopicsException.failed(store, "see", new TimeoutException(
                        "the topics were created but the broker did not report them in time"));
            }
            // Metadata reaches the brokers within milliseconds; poll briefly, backing off.
            LockSupport.parkNanos(pauseNanos);
            pauseNanos = Math.min(pauseNanos * 2, TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private List<String> inspect(Admin admin, int lanes, List<String> topics, long deadline) {
        Map<String, TopicDescription> described = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        var descriptions = admin.describeTopics(topics,
                new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline))).topicNameValues();
        for (String topic : topics) {
            try {
                described.put(topic, await(descriptions.get(topic), deadline));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    problems.add("topic " + topic + " is missing");
                } else {
                    throw StoreTopicsException.failed(store, "describe", e.getCause());
                }
            }
        }
        if (described.isEmpty()) {
            return problems;
        }
        List<ConfigResource> resources = described.keySet().stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = await(admin.describeConfigs(resources,
                    new DescribeConfigsOptions().timeoutMs(remainingMillis(deadline))).all(), deadline);
        } catch (ExecutionException e) {
            throw StoreTopicsException.failed(store, "describe the configuration of", e.getCause());
        }
        for (var entry : described.entrySet()) {
            String topic = entry.getKey();
            int partitions = entry.getValue().partitions().size();
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            List<String> cleanup = listValue(config, TopicConfig.CLEANUP_POLICY_CONFIG);
            boolean compacted = cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            if (topic.equals(frontier())) {
                if (partitions != 1) {
                    problems.add("topic " + topic + " has " + partitions(partitions) + ", expected 1");
                }
                if (!compacted) {
                    problems.add("topic " + topic + " has cleanup.policy=" + String.join(",", cleanup)
                            + "; the frontier must be compacted (cleanup.policy=compact)");
                }
                continue;
            }
            if (partitions != lanes) {
                problems.add("topic " + topic + " has " + partitions(partitions) + ", expected " + lanes
                        + " (one per lane)");
            }
            if (topic.equals(journal())) {
                if (compacted) {
                    problems.add("topic " + topic + " has cleanup.policy=" + String.join(",", cleanup)
                            + "; the journal must never be compacted, a tombstone would delete history"
                            + " (cleanup.policy=delete)");
                }
                for (String key : List.of(TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
                    String value = value(config, key);
                    if (!"-1".equals(value)) {
                        problems.add("topic " + topic + " has " + key + "=" + value
                                + "; the journal keeps every event (" + key + "=-1)");
                    }
                }
            } else if (compacted) {
                problems.add("topic " + topic + " has cleanup.policy=" + String.join(",", cleanup)
                        + "; proposals must not be compacted, a proposal could vanish before it is sequenced"
                        + " (cleanup.policy=delete)");
            }
        }
        return problems;
    }

    private static String partitions(int count) {
        return count == 1 ? "1 partition" : count + " partitions";
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config == null ? null : config.get(key);
        return entry == null || entry.value() == null ? "" : entry.value().trim();
    }

    private static List<String> listValue(Config config, String key) {
        return Arrays.stream(value(config, key).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private <T> T await(Future<T> future, long deadline) throws ExecutionException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw StoreTopicsException.failed(store, "reach", new TimeoutException(
                    "Kafka did not answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreTopicsException.failed(store, "reach", e);
        }
    }

    private static long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new StoreConfigException("the timeout is " + timeout + "; it must be positive");
        }
        // A timeout beyond a day is as good as unbounded and must not overflow nanoTime arithmetic.
        Duration day = Duration.ofDays(1);
        return System.nanoTime() + (timeout.compareTo(day) > 0 ? day : timeout).toNanos();
    }

    private static int remainingMillis(long deadline) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static String describe(char c) {
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
