package dev.batpak.kafka.query;

import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.store.StoreTopics;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The query index topology: {@code <store>.journal} (one task per lane; read_committed under
 * exactly-once, so only visible records arrive) into a processor that maintains the lane's
 * {@link QueryLayout#EVENTS} and {@link QueryLayout#INDEX} stores (RocksDB, changelogged, so a
 * moved lane restores its index rather than re-reading the journal). {@link QueryIndexApp} runs
 * it. See {@code docs/queries.md} and {@code docs/decisions/0011-query-index.md}.
 */
public final class QueryIndexTopology {

    /** The journal source node. */
    public static final String SOURCE = "batpak-query-journal-source";
    /** The index processor node. */
    public static final String PROCESSOR = "batpak-query-index";

    private QueryIndexTopology() {
    }

    /**
     * The index of {@code store}'s journal; {@code codecs} reads the journal's framing
     * (single-object or registry).
     */
    public static Topology build(String store, RecordCodecs codecs) {
        return addTo(new Topology(), store, codecs);
    }

    /**
     * Adds the index of {@code store}'s journal to {@code topology} as its own sub-topology.
     *
     * @return the same topology
     */
    public static Topology addTo(Topology topology, String store, RecordCodecs codecs) {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(codecs, "codecs");
        StoreTopics topics = StoreTopics.of(store);
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.journal());
        topology.addProcessor(PROCESSOR, () -> new QueryIndexProcessor(codecs), SOURCE);
        for (String name : new String[] {QueryLayout.EVENTS, QueryLayout.INDEX}) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
                    Serdes.ByteArray()).withCachingEnabled().withLoggingEnabled(Map.of()), PROCESSOR);
        }
        return topology;
    }
}
