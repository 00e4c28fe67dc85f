package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.sequencer.internal.CausalIndexStore;
import dev.batpak.kafka.sequencer.internal.OutRecordSerde;
import dev.batpak.kafka.sequencer.internal.SequencerProcessor;
import dev.batpak.kafka.sequencer.internal.SequencerSettings;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the sequencer's Kafka Streams topology: {@code <store>.proposals} (raw bytes) into one
 * processor with its persistent RocksDB stores, out to {@code <store>.journal} (the partition of
 * the proposal, which is the lane), {@code <store>.frontier} (partition 0) and
 * {@code <store>.causal-index}, which every instance reads back as the global store
 * {@code batpak-causal-index} (the cross-lane causal index, decision 0010).
 *
 * <p>The Processor API and raw byte serdes rather than the DSL with Avro serdes: decoding inside
 * the processor is what lets a garbage record become a denial instead of a deserialization
 * failure, and the processor must control exactly which store writes and records belong to one
 * decision. Run it with {@code processing.guarantee=exactly_once_v2} ({@link SequencerApp}
 * does), or the journal loses its no-duplicate, no-gap guarantee.
 *
 * <p>Use {@link #builder(String)} to embed the sequencer with gates and a signer passed as
 * objects, or {@link #builder(SequencerConfig)} to take them from configuration.
 *
 * <p>Gate instances are shared by every task (lane) and stream thread of the instance: they must
 * be thread-safe, which the purity {@link Gate} asks for gives.
 */
public final class SequencerTopology {

    /** The source node reading {@code <store>.proposals}. */
    public static final String SOURCE = "batpak-proposals-source";
    /** The sequencer processor node. */
    public static final String PROCESSOR = "batpak-sequencer";
    /** The journal sink node. */
    public static final String JOURNAL_SINK = SequencerProcessor.JOURNAL_SINK;
    /** The frontier sink node. */
    public static final String FRONTIER_SINK = SequencerProcessor.FRONTIER_SINK;
    /** The publisher name written into frontier points. */
    public static final String PUBLISHER = "batpak-sequencer";
    /** How often idempotency eviction and the incomplete-batch timeout run. */
    public static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(1);
    /** The causal index sink node. */
    public static final String CAUSAL_INDEX_SINK = SequencerProcessor.CAUSAL_INDEX_SINK;
    /** The source node of the global causal index store. */
    public static final String CAUSAL_INDEX_SOURCE = "batpak-causal-index-source";
    /** The processor node that fills the global causal index store. */
    public static final String CAUSAL_INDEX_PROCESSOR = "batpak-causal-index";
    /** How often held proposals are rechecked for their parents, by default. */
    public static final Duration CAUSAL_RECHECK_INTERVAL = Duration.ofMillis(50);

    private SequencerTopology() {
    }

    /**
     * The compacted topic of the cross-lane causal index, {@code <store>.causal-index}: the
     * sequencer writes one small entry per decided event id (lane, offset, HLC, sealed or denied)
     * and every instance reads all of it as a global store. {@link SequencerApp#start} creates it.
     */
    public static String causalIndexTopic(String store) {
        return store + ".causal-index";
    }

    /** A builder for {@code store} with default settings, no gates and no signing key. */
    public static Builder builder(String store) {
        return new Builder(store);
    }

    /**
     * A builder with the settings of {@code config}: its limits, its gate classes (instantiated
     * now) and its signing key (read now).
     *
     * @throws StoreConfigException if a gate class cannot be loaded or is not a gate
     * @throws dev.batpak.kafka.receipt.ReceiptKeyException if the signing key file cannot be read
     */
    public static Builder builder(SequencerConfig config) {
        return builder(config, GateSet.empty());
    }

    /**
     * A builder with the settings of {@code config}, whose gates are the configured gate classes
     * followed by {@code embedded} (gate objects of an application that embeds the sequencer).
     *
     * @throws StoreConfigException if a gate class cannot be loaded, or a name repeats
     * @throws dev.batpak.kafka.receipt.ReceiptKeyException if the signing key file cannot be read
     */
    public static Builder builder(SequencerConfig config, GateSet<ProposalContext> embedded) {
        GateSet<ProposalContext> gates = loadGates(config.gateClassNames());
        if (!embedded.isEmpty()) {
            GateSet.Builder<ProposalContext> all = GateSet.builder();
            try {
                gates.gates().forEach(all::add);
                embedded.gates().forEach(all::add);
            } catch (RuntimeException e) {
                throw new StoreConfigException("the configured gates " + gates.names() + " and the embedded gates "
                        + embedded.names() + " do not form a gate set: " + e.getMessage());
            }
            gates = all.build();
        }
        Builder builder = new Builder(config.store())
                .maxPayloadBytes(config.maxPayloadBytes())
                .idempotencyWindow(config.idempotencyWindow())
                .idempotencyMaxKeys(config.idempotencyMaxKeys())
                .frontierPublishInterval(config.frontierPublishInterval())
                .batchTimeout(config.batchTimeout())
                .maxClockSkew(config.maxClockSkew())
                .causalWait(config.causalWait())
                .gates(gates)
                .codecs(RecordCodecs.create(config.registryProperties(), config.store()));
        config.signingKeyFile().ifPresent(file -> builder.signer(ReceiptSigner.of(SigningKey.load(file))));
        return builder;
    }

    /**
     * Instantiates stateful gates by class name, in order: each class must implement
     * {@code Gate<ProposalContext>} and have a public no-argument constructor.
     *
     * @throws StoreConfigException naming the class and what is wrong with it
     */
    public static GateSet<ProposalContext> loadGates(List<String> classNames) {
        List<Gate<ProposalContext>> gates = new ArrayList<>(classNames.size());
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(SequencerTopology.class.getClassLoader());
        for (String name : classNames) {
            gates.add(instantiate(name, loader));
        }
        try {
            return GateSet.of(gates);
        } catch (RuntimeException e) {
            throw new StoreConfigException("the configured gates " + classNames + " do not form a gate set: "
                    + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Gate<ProposalContext> instantiate(String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new StoreConfigException("gate class " + name + " cannot be loaded (" + e
                    + "); put its jar on the sequencer's classpath and check the spelling in "
                    + SequencerConfig.GATES);
        }
        if (!Gate.class.isAssignableFrom(type)) {
            throw new StoreConfigException("gate class " + name + " does not implement " + Gate.class.getName()
                    + "<" + ProposalContext.class.getSimpleName() + ">");
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new StoreConfigException("gate class " + name + " is abstract; name a concrete class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (Gate<ProposalContext>) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new StoreConfigException("gate class " + name + " has no public no-argument constructor; the"
                    + " sequencer creates configured gates with one (or embed the app and pass gate objects)");
        } catch (InvocationTargetException e) {
            throw new StoreConfigException("gate class " + name + " threw from its constructor: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new StoreConfigException("gate class " + name + " cannot be instantiated: " + e);
        }
    }

    /** Collects the sequencer's settings and builds the topology. */
    public static final class Builder {

        private final String store;
        private int maxPayloadBytes = SequencerConfig.DEFAULT_MAX_PAYLOAD_BYTES;
        private long idempotencyWindow = SequencerConfig.DEFAULT_IDEMPOTENCY_WINDOW;
        private long idempotencyMaxKeys = SequencerConfig.DEFAULT_IDEMPOTENCY_MAX_KEYS;
        private Duration frontierPublishInterval = SequencerConfig.DEFAULT_FRONTIER_PUBLISH_INTERVAL;
        private Duration housekeepingInterval = HOUSEKEEPING_INTERVAL;
        private Duration batchTimeout = SequencerConfig.DEFAULT_BATCH_TIMEOUT;
        private Duration maxClockSkew = SequencerConfig.DEFAULT_MAX_CLOCK_SKEW;
        private Duration causalWait = SequencerConfig.DEFAULT_CAUSAL_WAIT;
        private Duration causalRecheckInterval = CAUSAL_RECHECK_INTERVAL;
        private GateSet<ProposalContext> gates = GateSet.empty();
        private Optional<ReceiptSigner> signer = Optional.empty();
        private RecordCodecs codecs;

        private Builder(String store) {
            StoreTopics.validateStoreName(store);
            this.store = store;
        }

        /** The payload + extensions + causes limit in bytes. */
        public Builder maxPayloadBytes(int value) {
            this.maxPayloadBytes = value;
            return this;
        }

        /** Proposals per lane during which an idempotency key is never evicted. */
        public Builder idempotencyWindow(long value) {
            this.idempotencyWindow = value;
            return this;
        }

        /** The soft cap on idempotency keys per lane. */
        public Builder idempotencyMaxKeys(long value) {
            this.idempotencyMaxKeys = value;
            return this;
        }

        /** How often changed frontier points are published. */
        public Builder frontierPublishInterval(Duration value) {
            this.frontierPublishInterval = value;
            return this;
        }

        /** How often idempotency eviction and the incomplete-batch timeout run. */
        public Builder housekeepingInterval(Duration value) {
            this.housekeepingInterval = value;
            return this;
        }

        /** How long an incomplete batch may wait for its remaining items. */
        public Builder batchTimeout(Duration value) {
            this.batchTimeout = value;
            return this;
        }

        /** How far ahead of the sequencer's clock a proposal's HLC may be. */
        public Builder maxClockSkew(Duration value) {
            this.maxClockSkew = value;
            return this;
        }

        /** How long a proposal may wait for its causation parents before {@code CAUSE_NOT_FOUND}. */
        public Builder causalWait(Duration value) {
            this.causalWait = value;
            return this;
        }

        /** How often held proposals are rechecked for their parents. */
        public Builder causalRecheckInterval(Duration value) {
            this.causalRecheckInterval = value;
            return this;
        }

        /** The stateful gates, in evaluation order. */
        public Builder gates(GateSet<ProposalContext> value) {
            this.gates = Objects.requireNonNull(value, "gates");
            return this;
        }

        /**
         * The record framing: the Confluent wire format through a registry, or (the default)
         * Avro single-object encoding. Proposals are read in either framing.
         */
        public Builder codecs(RecordCodecs value) {
            this.codecs = Objects.requireNonNull(value, "codecs");
            return this;
        }

        /** Signs every sealed event's commit receipt with this signer. */
        public Builder signer(ReceiptSigner value) {
            this.signer = Optional.of(value);
            return this;
        }

        /**
         * The topology.
         *
         * @throws IllegalArgumentException if a setting is out of range
         */
        public Topology build() {
            SequencerSettings settings = new SequencerSettings(store, PUBLISHER, maxPayloadBytes, idempotencyWindow,
                    idempotencyMaxKeys, frontierPublishInterval, housekeepingInterval, batchTimeout, maxClockSkew,
                    causalWait, causalRecheckInterval, gates, signer, codecs != null ? codecs : RecordCodecs.singleObject(store));
            StoreTopics topics = StoreTopics.of(store);
            Topology topology = new Topology();
            topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.proposals());
            topology.addProcessor(PROCESSOR, () -> new SequencerProcessor(settings), SOURCE);
            for (String name : List.of(StoreLayout.HEADS, StoreLayout.IDEMPOTENCY, StoreLayout.IDEMPOTENCY_AGE,
                    StoreLayout.EVENTS, StoreLayout.BATCHES, StoreLayout.LANES, GraphLayout.STORE, StoreLayout.PENDING)) {
                KeyValueBytesStoreSupplier supplier = Stores.persistentKeyValueStore(name);
                topology.addStateStore(Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
                        .withCachingEnabled()
                        .withLoggingEnabled(java.util.Map.of()), PROCESSOR);
            }
            topology.addSink(JOURNAL_SINK, topics.journal(), new ByteArraySerializer(), OutRecordSerde.serializer(),
                    OutRecordSerde.partitioner(), PROCESSOR);
            topology.addSink(FRONTIER_SINK, topics.frontier(), new ByteArraySerializer(), OutRecordSerde.serializer(),
                    OutRecordSerde.partitioner(), PROCESSOR);
            // the cross-lane causal index: written by every lane, read whole by every instance
            String indexTopic = causalIndexTopic(store);
            topology.addSink(CAUSAL_INDEX_SINK, indexTopic, new ByteArraySerializer(), OutRecordSerde.serializer(),
                    CausalIndexStore.partitioner(), PROCESSOR);
            topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreLayout.CAUSAL_INDEX),
                    Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled(), CAUSAL_INDEX_SOURCE,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), indexTopic, CAUSAL_INDEX_PROCESSOR,
                    CausalIndexStore::new);
            return topology;
        }
    }
}
