package dev.batpak.kafka.graph;

import dev.batpak.kafka.sequencer.state.GraphLayout;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where the graph stores to query come from: one read-only store per lane. The children and the
 * correlation group of an event are spread over lanes, so queries read each lane's store.
 */
@FunctionalInterface
public interface GraphStores {

    /**
     * The graph store of every lane available to this reader.
     *
     * @throws GraphException {@code GRAPH_UNAVAILABLE} when the stores cannot be queried now
     */
    List<ReadOnlyKeyValueStore<Bytes, byte[]>> lanes();

    /** Fixed stores (a test driver's, for example). */
    static GraphStores of(List<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> stores) {
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> copy = List.copyOf(stores);
        return () -> copy;
    }

    /**
     * Every lane of the application: this instance's stores ({@link #local(KafkaStreams)}) and,
     * for every other instance that owns lanes (found by Kafka Streams' metadata, so each instance
     * must set {@code application.server}), a {@link RemoteGraphStore} over its HTTP endpoint.
     *
     * @param self this instance's {@code application.server}, which is skipped
     */
    static GraphStores cluster(KafkaStreams streams, HostInfo self, Duration timeout) {
        GraphStores local = local(streams);
        return () -> {
            List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new ArrayList<>(local.lanes());
            for (StreamsMetadata peer : streams.metadataForAllStreamsClients()) {
                if (!peer.hostInfo().equals(self) && !peer.topicPartitions().isEmpty()
                        && peer.stateStoreNames().contains(GraphLayout.STORE)) {
                    stores.add(new RemoteGraphStore(URI.create("http://" + peer.host() + ":" + peer.port()), timeout));
                }
            }
            return stores;
        };
    }

    /**
     * The graph stores of the active tasks of a running {@link KafkaStreams} instance, looked up
     * afresh on each call so that a rebalance is followed. Only this instance's lanes are seen.
     */
    static GraphStores local(KafkaStreams streams) {
        return () -> {
            if (streams.state() != KafkaStreams.State.RUNNING) {
                throw new GraphException(GraphException.UNAVAILABLE, "the streams app is " + streams.state()
                        + ", not RUNNING; retry when it is");
            }
            List<ReadOnlyKeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
            try {
                for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                    thread.activeTasks().forEach(task -> {
                        for (TopicPartition partition : task.topicPartitions()) {
                            stores.add(streams.store(StoreQueryParameters.fromNameAndType(GraphLayout.STORE,
                                    QueryableStoreTypes.<Bytes, byte[]>keyValueStore())
                                    .withPartition(partition.partition())));
                        }
                    });
                }
            } catch (InvalidStateStoreException e) {
                throw new GraphException(GraphException.UNAVAILABLE, "the graph stores are not queryable now ("
                        + e.getMessage() + "); retry after the rebalance", e);
            }
            return stores;
        };
    }
}
