package dev.batpak.kafka.registry;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.AvroCodec;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.payload.PayloadCodec;
import dev.batpak.kafka.schemas.CommitReceipt;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.SchemaCatalog;
import dev.batpak.kafka.store.StoreTopics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The record codecs of one store, chosen by configuration: with {@value RegistryConfig#URL} set,
 * every batpak record is written in the schema registry wire format under its subject; without it,
 * in Avro single-object encoding. Either way every codec reads both framings (see
 * {@link FramedRecordCodec}), so a journal written in either mode stays readable.
 *
 * <p>Subjects follow {@value RegistryConfig#VALUE_SUBJECT_NAME_STRATEGY} (default TopicName):
 * {@code Proposal} under {@code <store>.proposals}, {@code JournalEvent} under
 * {@code <store>.journal}, {@code FrontierPoint} under {@code <store>.frontier}. Records that travel
 * inside journal values rather than as them ({@code DenialTrace}, {@code CommitReceipt}, and event
 * payload types from {@link #eventType(Class, EventKind, int)}) use
 * {@link SubjectNameStrategy#embeddedSubject(String, Schema)} of the journal topic: the record name
 * under TopicName and RecordName, {@code <store>.journal-<record>} under TopicRecordName.
 *
 * <p>Typical use: {@code RecordCodecs codecs = RecordCodecs.create(kafkaProperties, store);} then
 * {@code codecs.proposal().encode(p)}, {@code codecs.journalEvent().decode(bytes)}. Thread-safe.
 */
public final class RecordCodecs {

    private final StoreTopics topics;
    private final SchemaRegistry registry;
    private final RegistryConfig config;
    private final FramedRecordCodec<Proposal> proposal;
    private final FramedRecordCodec<JournalEvent> journalEvent;
    private final FramedRecordCodec<FrontierPoint> frontierPoint;
    private final FramedRecordCodec<DenialTrace> denialTrace;
    private final FramedRecordCodec<CommitReceipt> commitReceipt;

    private RecordCodecs(StoreTopics topics, SchemaRegistry registry, RegistryConfig config) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.registry = registry;
        this.config = config;
        this.proposal = codec(Proposal.class, Codecs.PROPOSAL, topics.proposals(), false);
        this.journalEvent = codec(JournalEvent.class, Codecs.JOURNAL_EVENT, topics.journal(), false);
        this.frontierPoint = codec(FrontierPoint.class, Codecs.FRONTIER_POINT, topics.frontier(), false);
        this.denialTrace = codec(DenialTrace.class, Codecs.DENIAL_TRACE, topics.journal(), true);
        this.commitReceipt = codec(CommitReceipt.class, Codecs.COMMIT_RECEIPT, topics.journal(), true);
    }

    /**
     * The codecs of {@code store}, from producer, consumer or store properties: registry wire
     * format when {@value RegistryConfig#URL} is set, single-object encoding otherwise.
     *
     * @throws SchemaRegistryException ({@code INVALID_CONFIG}) when the registry settings are malformed
     */
    public static RecordCodecs create(Map<String, ?> config, String store) {
        Optional<RegistryConfig> registryConfig = RegistryConfig.fromMapIfConfigured(config);
        StoreTopics topics = StoreTopics.of(store);
        return registryConfig.map(rc -> new RecordCodecs(topics, SchemaRegistry.create(rc), rc))
                .orElseGet(() -> new RecordCodecs(topics, null, null));
    }

    /** The codecs of {@code store} over an existing registry client, with the settings of {@code config}. */
    public static RecordCodecs withRegistry(SchemaRegistry registry, RegistryConfig config, String store) {
        return new RecordCodecs(StoreTopics.of(store), Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(config, "config"));
    }

    /** The codecs of {@code store} without a registry: single-object encoding (the embedded default). */
    public static RecordCodecs singleObject(String store) {
        return new RecordCodecs(StoreTopics.of(store), null, null);
    }

    private <T extends SpecificRecord> FramedRecordCodec<T> codec(Class<T> type, RecordCodec<T> local, String topic,
            boolean embedded) {
        if (registry == null) {
            return FramedRecordCodec.singleObject(type, local);
        }
        SubjectNameStrategy strategy = config.valueSubjectStrategy();
        String subject = embedded ? strategy.embeddedSubject(topic, local.schema())
                : strategy.subject(topic, false, local.schema());
        return FramedRecordCodec.registry(type, local, registry, subject, config.autoRegister());
    }

    /** {@code <store>.proposals} values. */
    public FramedRecordCodec<Proposal> proposal() {
        return proposal;
    }

    /** {@code <store>.journal} values. */
    public FramedRecordCodec<JournalEvent> journalEvent() {
        return journalEvent;
    }

    /** {@code <store>.frontier} values. */
    public FramedRecordCodec<FrontierPoint> frontierPoint() {
        return frontierPoint;
    }

    /** The payload of a {@code SYSTEM_DENIAL} journal event. */
    public FramedRecordCodec<DenialTrace> denialTrace() {
        return denialTrace;
    }

    /** Commit receipts handed to callers and stored beside events. */
    public FramedRecordCodec<CommitReceipt> commitReceipt() {
        return commitReceipt;
    }

    /** The codec of a catalog entry, for tools that pick the record type at run time. */
    public FramedRecordCodec<?> forEntry(SchemaCatalog entry) {
        return switch (entry) {
            case PROPOSAL -> proposal;
            case JOURNAL_EVENT -> journalEvent;
            case DENIAL_TRACE -> denialTrace;
            case COMMIT_RECEIPT -> commitReceipt;
            case FRONTIER_POINT -> frontierPoint;
        };
    }

    /** The store's topics. */
    public StoreTopics topics() {
        return topics;
    }

    /** True when records are written in the schema registry wire format. */
    public boolean usesRegistry() {
        return registry != null;
    }

    /** The registry, when one is configured. */
    public Optional<SchemaRegistry> registry() {
        return Optional.ofNullable(registry);
    }

    /**
     * Registers (or, with auto-registration off, looks up) the schema of every batpak record now,
     * so that a wrong URL, bad credentials or an incompatible schema fail at start-up instead of at
     * the first append. Does nothing without a registry.
     *
     * @throws SchemaRegistryException naming the subject the registry refused
     */
    public void registerSchemas() {
        if (registry == null) {
            return;
        }
        for (SchemaCatalog entry : SchemaCatalog.values()) {
            forEntry(entry).schemaId();
        }
    }

    /**
     * The subject an event payload type's schema is registered under: the journal topic's embedded
     * subject (see the class comment).
     */
    public String payloadSubject(Schema schema) {
        SubjectNameStrategy strategy = config == null ? SubjectNameStrategy.TOPIC_NAME : config.valueSubjectStrategy();
        return strategy.embeddedSubject(topics.journal(), schema);
    }

    /**
     * The payload codec for a generated Avro class: {@link RegisteredAvroCodec} (schema id in every
     * payload) with a registry, the plain {@link AvroCodec} without.
     */
    public <T extends SpecificRecord> PayloadCodec<T> payloadCodec(Class<T> type) {
        if (registry == null) {
            return AvroCodec.of(type);
        }
        Schema schema = org.apache.avro.specific.SpecificData.getForClass(type).getSchema(type);
        return RegisteredAvroCodec.of(type, registry, payloadSubject(schema), config.autoRegister());
    }

    /**
     * An event type for a generated Avro class, whose payloads carry their registry schema id when
     * a registry is configured. Pass it to {@code EventStore.append(coordinate, type, value, options)}
     * and to {@link dev.batpak.kafka.payload.EventTypeRegistry} for decoding with upcasters.
     */
    public <T extends SpecificRecord> EventType<T> eventType(Class<T> type, EventKind kind, int payloadVersion) {
        return new EventType<>(type, kind, payloadVersion, payloadCodec(type));
    }

    @Override
    public String toString() {
        return "RecordCodecs[" + topics.store() + ", " + (registry == null ? "single-object encoding"
                : "registry " + registry.describe() + ", " + config.valueSubjectStrategy()) + "]";
    }
}
