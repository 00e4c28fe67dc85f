package dev.batpak.kafka.query;

import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.store.StoreTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link QueryService.Lanes} of a running {@link KafkaStreams} application: the active tasks of
 * the query index application on this instance, and, when {@code application.server} is set, the
 * lanes other instances own according to Streams' metadata (read through {@link RemoteLane}).
 * Looked up afresh on every call, so a rebalance is followed. The lane count is the journal's
 * partition count, read once with an admin client.
 */
public final class StreamsLanes implements QueryService.Lanes {

    private final KafkaStreams streams;
    private final String journal;
    private final Map<String, Object> adminConfig;
    private final Optional<HostInfo> self;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicInteger count = new AtomicInteger();

    /**
     * The lanes of {@code store} in {@code streams}.
     *
     * @param clientConfig the application's client properties (bootstrap, security); those an admin
     *     client knows are used to read the lane count
     * @param self this instance's {@code application.server}, or empty when it runs alone (then
     *     only local lanes are served)
     */
    public StreamsLanes(KafkaStreams streams, String store, Map<?, ?> clientConfig, Optional<HostInfo> self,
            Duration timeout) {
        this.streams = streams;
        this.journal = StoreTopics.of(store).journal();
        Map<String, Object> admin = new HashMap<>();
        clientConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(key))) {
                admin.put(String.valueOf(key), value);
            }
        });
        this.adminConfig = Map.copyOf(admin);
        this.self = self;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int count() {
        int known = count.get();
        if (known > 0) {
            return known;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            int partitions = admin.describeTopics(java.util.List.of(journal)).topicNameValues().get(journal)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size();
            count.set(partitions);
            return partitions;
        } catch (ExecutionException | TimeoutException e) {
            throw new QueryException(QueryException.UNAVAILABLE, "could not read the lane count of " + journal + ": "
                    + e.getMessage() + "; retry", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(QueryException.UNAVAILABLE, "interrupted while reading the lane count", e);
        }
    }

    @Override
    public SortedMap<Integer, LaneSource> owned() {
        SortedMap<Integer, LaneSource> owned = new TreeMap<>(local());
        if (self.isPresent()) {
            for (StreamsMetadata peer : streams.metadataForAllStreamsClients()) {
                if (peer.hostInfo().equals(self.get()) || !peer.stateStoreNames().contains(QueryLayout.INDEX)) {
                    continue;
                }
                URI base = URI.create("http://" + peer.host() + ":" + peer.port());
                for (TopicPartition partition : peer.topicPartitions()) {
                    if (partition.topic().equals(journal)) {
                        owned.putIfAbsent(partition.partition(),
                                new RemoteLane(partition.partition(), base, timeout, http));
                    }
                }
            }
        }
        return owned;
    }

    @Override
    public SortedMap<Integer, LocalLane> local() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new QueryException(QueryException.UNAVAILABLE, "the streams app is " + streams.state()
                    + ", not RUNNING; retry when it is");
        }
        SortedMap<Integer, LocalLane> local = new TreeMap<>();
        try {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                for (TaskMetadata task : thread.activeTasks()) {
                    for (TopicPartition partition : task.topicPartitions()) {
                        if (partition.topic().equals(journal)) {
                            int lane = partition.partition();
                            local.put(lane, new LocalLane(lane, store(QueryLayout.INDEX, lane),
                                    store(QueryLayout.EVENTS, lane)));
                        }
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            throw new QueryException(QueryException.UNAVAILABLE, "the query index is not queryable now ("
                    + e.getMessage() + "); retry after the rebalance", e);
        }
        return local;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(String name, int lane) {
        return streams.store(StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()).withPartition(lane));
    }
}
