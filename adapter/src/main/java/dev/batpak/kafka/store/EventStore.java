package dev.batpak.kafka.store;

import dev.batpak.kafka.append.AppendFailedException;
import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.AppendRequest;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchReceipt;
import dev.batpak.kafka.append.CausationRef;
import dev.batpak.kafka.append.DurabilityGate;
import dev.batpak.kafka.append.GateDeniedException;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.clock.HybridLogicalClock;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Frontier;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.frontier.WaitTimeoutException;
import dev.batpak.kafka.gate.Evaluation;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.gate.Proposal;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.frontier.FrontierTracker;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.internal.store.AppendValidation;
import dev.batpak.kafka.internal.store.FatalErrors;
import dev.batpak.kafka.internal.store.JournalScanner;
import dev.batpak.kafka.internal.store.JournalTail;
import dev.batpak.kafka.internal.store.Lanes;
import dev.batpak.kafka.internal.store.OutcomeResolver;
import dev.batpak.kafka.internal.store.ProposalRecords;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.QueryClient;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.Id16;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A batpak event store on Kafka: the synchronous, thread-safe API an application embeds.
 *
 * <p>{@link #append} validates the event, runs the client gates, stamps an id and a hybrid
 * logical clock, and produces a proposal to the entity's lane; it returns once the broker has
 * acknowledged it under {@code acks=all} (written and durable). The sequencer (the streams app)
 * then decides it — sealed into its stream's hash chain, or denied — and {@link #waitFor} returns
 * that decision once it is visible. Every wait takes a mandatory timeout.
 *
 * <p>A fatal producer state (fenced by another instance with the same transactional id, an
 * authorization failure, an out-of-order sequence) fails the store closed: every call and every
 * waiter fails with {@link StoreFailedException} at once, and the durable watermark stops.
 */
public final class EventStore implements AutoCloseable {

    private final StoreConfig config;
    private final StoreTopics topics;
    /** Built once: every append names it. */
    private final String proposalsTopic;
    private final GateSet<AppendRequest> clientGates;
    private final FrontierTracker tracker;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaProducer<byte[], byte[]> batchProducer;
    private final Object batchLock = new Object();
    private final JournalTail tail;
    private final JournalScanner scanner;
    private final OutcomeResolver outcomes;
    private final RecordCodecs codecs;
    private final HybridLogicalClock clock = new HybridLogicalClock(InstantSource.system());
    private volatile boolean closed;

    private EventStore(StoreConfig config, GateSet<AppendRequest> clientGates) {
        this.config = config;
        this.topics = StoreTopics.of(config.store());
        this.proposalsTopic = topics.proposals();
        this.clientGates = clientGates;
        // Registry framing when schema.registry.url is set, Avro single-object encoding otherwise.
        this.codecs = RecordCodecs.create(config.kafkaProperties(), config.store());
        this.tracker = new FrontierTracker(config.lanes(), cause -> cause instanceof StoreClosedException closedStore
                ? closedStore : new StoreFailedException(config.store(), cause));
        Map<String, Object> common = new HashMap<>(config.kafkaProperties());
        common.put("bootstrap.servers", config.bootstrapServers());
        this.admin = Admin.create(common);
        KafkaProducer<byte[], byte[]> single = null;
        KafkaProducer<byte[], byte[]> transactional = null;
        JournalTail journalTail = null;
        try {
            if (config.verifyTopics()) {
                topics.verify(admin, config.lanes(), config.openTimeout());
            }
            if (codecs.usesRegistry()) {
                codecs.registerSchemas();
            }
            single = new KafkaProducer<>(producerConfig(common, null), new ByteArraySerializer(),
                    new ByteArraySerializer());
            transactional = new KafkaProducer<>(producerConfig(common, config.transactionalId()),
                    new ByteArraySerializer(), new ByteArraySerializer());
            // Claims the transactional id now, like batpak's directory lock: an older holder is fenced.
            transactional.initTransactions();
            Map<String, Object> consumer = new HashMap<>(common);
            consumer.putAll(config.consumerOverrides());
            journalTail = new JournalTail(config.store(), config.lanes(), consumer, tracker, codecs);
            journalTail.start();
            seedDurable(admin, topics, config, tracker);
            awaitFrontier(journalTail, config);
            this.scanner = new JournalScanner(config.store(), config.lanes(), consumer, codecs.journalEvent());
        } catch (RuntimeException e) {
            closeQuietly(journalTail);
            closeQuietly(transactional);
            closeQuietly(single);
            admin.close(Duration.ofSeconds(5));
            throw e;
        }
        this.producer = single;
        this.batchProducer = transactional;
        this.tail = journalTail;
        this.outcomes = new OutcomeResolver(config.store(), config.lanes(), tracker, tail, scanner, admin);
    }

    /**
     * Every proposal below a lane's high watermark is replicated, whoever wrote it: that is the
     * lane's durable prefix when the store opens.
     */
    private static void seedDurable(Admin admin, StoreTopics topics, StoreConfig config, FrontierTracker tracker) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int lane = 0; lane < config.lanes(); lane++) {
            latest.put(new TopicPartition(topics.proposals(), lane), OffsetSpec.latest());
        }
        try {
            admin.listOffsets(latest).all().get(config.openTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> tracker.advance(partition.partition(), Stage.DURABLE, info.offset()));
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw StoreTopicsException.failed(config.store(), "list the offsets of", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreTopicsException.failed(config.store(), "list the offsets of", e);
        }
    }

    private static void awaitFrontier(JournalTail tail, StoreConfig config) {
        try {
            if (!tail.awaitFrontierCaughtUp(config.openTimeout())) {
                throw StoreTopicsException.failed(config.store(), "read the frontier of",
                        new java.util.concurrent.TimeoutException("not read within " + config.openTimeout()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreTopicsException.failed(config.store(), "read the frontier of", e);
        }
    }

    /** Opens a store with no client gates; checks its topics first (unless disabled). */
    public static EventStore open(StoreConfig config) {
        return open(config, GateSet.empty());
    }

    /**
     * Opens a store whose appends pass {@code clientGates} first; a denial throws
     * {@link GateDeniedException} and sends nothing.
     */
    public static EventStore open(StoreConfig config, GateSet<AppendRequest> clientGates) {
        return new EventStore(config, clientGates);
    }

    /** The store's configuration. */
    public StoreConfig config() {
        return config;
    }

    /** The lane of {@code entity}: Kafka's murmur2 key hash modulo the lanes, as a plain keyed producer would. */
    public int laneOf(String entity) {
        return Lanes.laneOf(entity, config.lanes());
    }

    /** Appends with no options. See {@link #append(Coordinate, EventKind, Payload, AppendOptions)}. */
    public AppendReceipt append(Coordinate coordinate, EventKind kind, Payload payload) {
        return append(coordinate, kind, payload, AppendOptions.none());
    }

    /**
     * Appends one event. Returns when the broker has acknowledged the proposal; wait for
     * {@link Stage#VISIBLE} to learn whether the sequencer committed or denied it.
     *
     * @throws dev.batpak.kafka.append.ReservedKindException for a system or effect kind
     * @throws dev.batpak.kafka.append.PayloadTooLargeException over the payload limit
     * @throws dev.batpak.kafka.append.UnknownLaneException for a pinned lane that does not exist
     * @throws GateDeniedException when a client gate refuses
     * @throws AppendFailedException when the broker did not acknowledge in time (retry with a key)
     * @throws WaitTimeoutException when a durability gate timed out (the append stands)
     * @throws StoreFailedException when the store has failed closed
     */
    public AppendReceipt append(Coordinate coordinate, EventKind kind, Payload payload, AppendOptions options) {
        checkOpen();
        int lane = AppendValidation.validate(coordinate, kind, payload, options, config, -1);
        runClientGates(new AppendRequest(coordinate, kind, payload, options, lane), -1);
        Prepared prepared = prepare(coordinate, kind, payload, options, List.of(), null, lane);
        RecordMetadata metadata = send(producer, prepared.record);
        AppendReceipt receipt = acknowledge(prepared, metadata);
        Optional<DurabilityGate> gate = options.durabilityGate();
        if (gate.isPresent()) {
            waitFor(receipt, gate.get().stage(), gate.get().timeout());
        }
        return receipt;
    }

    /**
     * Appends a typed value: its kind, payload version and encoding come from {@code type}.
     * See {@link #append(Coordinate, EventKind, Payload, AppendOptions)}.
     */
    public <T> AppendReceipt append(Coordinate coordinate, EventType<T> type, T value, AppendOptions options) {
        return append(coordinate, type.kind(), type.codec().encode(value), options.payloadVersion(type.payloadVersion()));
    }

    /**
     * Appends a batch atomically: all items are proposed in one Kafka transaction, so a
     * read_committed reader (and the sequencer) sees all of them or none; the sequencer then
     * decides them all or nothing. An item may name an earlier item as its cause.
     *
     * @throws dev.batpak.kafka.append.BatchTooLargeException for an empty or oversize batch
     * @throws dev.batpak.kafka.append.IdempotencyPartialBatchException when only some items have keys
     * @throws dev.batpak.kafka.append.InvalidCausationException for a forward or self reference
     */
    public BatchReceipt appendBatch(List<BatchItem> items, AppendOptions batchOptions) {
        checkOpen();
        int[] lanes = AppendValidation.validateBatch(items, config);
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            runClientGates(new AppendRequest(item.coordinate(), item.kind(), item.payload(), item.options(),
                    lanes[i]), i);
        }
        UUID batchId = UUID.randomUUID();
        TreeSet<Integer> distinctLanes = new TreeSet<>();
        Map<Integer, Integer> laneSizes = new HashMap<>();
        for (int lane : lanes) {
            distinctLanes.add(lane);
            laneSizes.merge(lane, 1, Integer::sum);
        }
        List<Prepared> prepared = new ArrayList<>(items.size());
        List<EventId> ids = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            List<CausationId> itemCauses = new ArrayList<>();
            if (item.cause() instanceof CausationRef.PriorItem prior) {
                itemCauses.add(CausationId.of(ids.get(prior.index())));
            } else if (item.cause() instanceof CausationRef.Absolute absolute) {
                itemCauses.add(CausationId.of(absolute.eventId()));
            }
            AppendOptions options = item.options();
            if (options.correlation().isEmpty() && batchOptions.correlation().isPresent()) {
                options = options.correlation(batchOptions.correlation().get());
            }
            BatchMember member = BatchMember.newBuilder()
                    .setBatchId(new Id16(uuidBytes(batchId)))
                    .setIndex(i)
                    .setSize(items.size())
                    .setLanes(new ArrayList<>(distinctLanes))
                    .setLaneSize(laneSizes.get(lanes[i]))
                    .build();
            Prepared p = prepare(item.coordinate(), item.kind(), item.payload(), options, itemCauses, member,
                    lanes[i]);
            prepared.add(p);
            ids.add(p.eventId);
        }
        List<RecordMetadata> acks = sendTransaction(prepared);
        List<AppendReceipt> receipts = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            receipts.add(acknowledge(prepared.get(i), acks.get(i)));
        }
        BatchReceipt receipt = new BatchReceipt(batchId, receipts);
        Optional<DurabilityGate> gate = batchOptions.durabilityGate();
        if (gate.isPresent()) {
            for (AppendReceipt item : receipts) {
                waitFor(item, gate.get().stage(), gate.get().timeout());
            }
        }
        return receipt;
    }

    /**
     * Waits until the append passed {@code stage}. Before {@link Stage#VISIBLE} the answer is
     * {@link Outcome.Proposed}; from {@code VISIBLE} on it is the sequencer's decision,
     * {@link Outcome.Committed} or {@link Outcome.Denied}.
     *
     * @throws WaitTimeoutException when the stage was not reached in time (not a rollback)
     * @throws StoreFailedException when the store failed closed, also while waiting
     */
    public Outcome waitFor(AppendReceipt receipt, Stage stage, Duration timeout) {
        checkOpen();
        requirePositive(timeout);
        return outcomes.await(receipt, stage, timeout);
    }

    /**
     * Waits until {@code stage} of {@code lane} passes {@code proposalOffset}.
     *
     * @throws WaitTimeoutException when it did not in time
     */
    public void waitForLane(int lane, Stage stage, long proposalOffset, Duration timeout) {
        checkOpen();
        requirePositive(timeout);
        AppendValidation.checkLane(lane, config.lanes());
        outcomes.awaitLane(lane, stage, proposalOffset, timeout);
    }

    /** A snapshot of every lane's watermarks (no torn reads: taken under one lock). */
    public Frontier frontier() {
        checkOpen();
        tracker.checkNotFailed();
        return tracker.snapshot();
    }

    /**
     * The visible event with id {@code eventId}, read from the journal.
     *
     * @throws EventNotFoundException when no visible event has that id
     */
    public StoredEvent get(EventId eventId, Duration timeout) {
        checkOpen();
        requirePositive(timeout);
        return outcomes.get(eventId, timeout);
    }

    /**
     * Up to {@code limit} events of the stream {@code (entity, lane)} with clock at or above
     * {@code fromClock}, in stream order.
     */
    public List<StoredEvent> readStream(String entity, int lane, long fromClock, int limit, Duration timeout) {
        checkOpen();
        requirePositive(timeout);
        AppendValidation.checkLane(lane, config.lanes());
        return outcomes.readStream(entity, lane, fromClock, limit, timeout);
    }

    /**
     * The first page of the visible events of {@code region}, from the streams app's query index
     * ({@link StoreConfig#queryEndpoint()}); see {@link QueryClient} for order and consistency.
     *
     * @throws StoreConfigException if the store was configured without a query endpoint
     * @throws dev.batpak.kafka.read.QueryException if the endpoint refuses or cannot answer
     */
    public QueryPage query(Region region, int limit) {
        return queryAfter(region, QueryPosition.start(), limit);
    }

    /**
     * The page of the visible events of {@code region} after {@code position} (exclusive).
     *
     * @throws StoreConfigException if the store was configured without a query endpoint
     * @throws dev.batpak.kafka.read.QueryException if the endpoint refuses or cannot answer
     */
    public QueryPage queryAfter(Region region, QueryPosition position, int limit) {
        checkOpen();
        QueryClient client = queryClient;
        if (client == null) {
            client = QueryClient.of(config.queryEndpoint().orElseThrow(() -> new StoreConfigException("store '"
                    + config.store() + "' has no query endpoint; set StoreConfig.builder(...).queryEndpoint(URI) to"
                    + " the streams app's HTTP address")));
            queryClient = client;
        }
        return client.queryAfter(region, position, limit);
    }

    /** The client of the query endpoint, made on first use (racing threads may each make one; any will do). */
    private volatile QueryClient queryClient;

    /** Closes the producers and the journal reader. Later calls throw {@link StoreClosedException}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tracker.fail(new StoreClosedException(config.store()));
        closeQuietly(tail);
        closeQuietly(batchProducer);
        closeQuietly(producer);
        admin.close(Duration.ofSeconds(5));
    }

    private void runClientGates(AppendRequest request, int itemIndex) {
        if (clientGates.isEmpty()) {
            return;
        }
        Evaluation<AppendRequest> evaluation = clientGates.evaluate(request, Proposal.of(request));
        if (evaluation instanceof Evaluation.Denied<AppendRequest> denied) {
            throw new GateDeniedException(denied.trace(request.kind().raw(),
                    Blake3.hash(request.payload().bytes())), itemIndex);
        }
    }

    private record Prepared(EventId eventId, boolean keyed, ProducerRecord<byte[], byte[]> record, int lane,
            HlcTimestamp hlc, byte[] contentHash) {
    }

    private Prepared prepare(Coordinate coordinate, EventKind kind, Payload payload, AppendOptions options,
            List<CausationId> extraCauses, BatchMember batch, int lane) {
        HlcTimestamp hlc = clock.now();
        boolean keyed = options.idempotencyKey().isPresent();
        EventId eventId = keyed ? options.idempotencyKey().get().toEventId()
                : EventId.v7(hlc.physicalMillis(), java.util.concurrent.ThreadLocalRandom.current());
        CorrelationId correlation = options.correlation().orElse(CorrelationId.of(eventId));
        List<CausationId> causes = new ArrayList<>(extraCauses);
        for (CausationId cause : options.causes()) {
            if (!causes.contains(cause)) {
                causes.add(cause);
            }
        }
        AppendValidation.checkNotSelfCaused(eventId, causes);
        byte[] contentHash = Blake3.hash(payload.bytes());
        dev.batpak.kafka.schemas.Proposal proposal = ProposalRecords.proposal(eventId, keyed, coordinate, kind,
                payload, contentHash, correlation, causes, options, hlc, batch);
        return new Prepared(eventId, keyed, ProposalRecords.record(proposalsTopic, lane, proposal, eventId,
                correlation, kind, codecs.proposal()), lane, hlc, contentHash);
    }

    private AppendReceipt acknowledge(Prepared prepared, RecordMetadata metadata) {
        tracker.advance(prepared.lane, Stage.DURABLE, metadata.offset() + 1);
        tail.expect(prepared.lane, metadata.offset(), prepared.keyed ? prepared.eventId : null);
        return new AppendReceipt(prepared.eventId, prepared.lane, metadata.offset(), prepared.hlc,
                prepared.contentHash);
    }

    private RecordMetadata send(KafkaProducer<byte[], byte[]> sender, ProducerRecord<byte[], byte[]> record) {
        try {
            return sender.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AppendFailedException("interrupted while waiting for the broker's acknowledgement; the "
                    + "proposal may be written: retry with the same idempotency key", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private List<RecordMetadata> sendTransaction(List<Prepared> prepared) {
        synchronized (batchLock) {
            checkOpen();
            tracker.checkNotFailed();
            List<Future<RecordMetadata>> futures = new ArrayList<>(prepared.size());
            try {
                batchProducer.beginTransaction();
                for (Prepared p : prepared) {
                    futures.add(batchProducer.send(p.record));
                }
                batchProducer.commitTransaction();
                List<RecordMetadata> acks = new ArrayList<>(futures.size());
                for (Future<RecordMetadata> future : futures) {
                    acks.add(future.get());
                }
                return acks;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abortQuietly();
                throw new AppendFailedException("interrupted during a batch; it was aborted", e);
            } catch (ExecutionException e) {
                throw abortAndFail(e.getCause());
            } catch (RuntimeException e) {
                throw abortAndFail(e);
            }
        }
    }

    private RuntimeException abortAndFail(Throwable cause) {
        Throwable root = FatalErrors.unwrap(cause);
        if (!FatalErrors.isFatal(root)) {
            abortQuietly();
            return new AppendFailedException("the batch was aborted, nothing of it is visible: " + root, root);
        }
        return failure(root);
    }

    private void abortQuietly() {
        try {
            batchProducer.abortTransaction();
        } catch (RuntimeException e) {
            Throwable root = FatalErrors.unwrap(e);
            if (FatalErrors.isFatal(root)) {
                tracker.fail(root);
            }
        }
    }

    private RuntimeException failure(Throwable cause) {
        Throwable root = FatalErrors.unwrap(cause);
        if (FatalErrors.isFatal(root)) {
            tracker.fail(root);
            return new StoreFailedException(config.store(), root);
        }
        if (root instanceof dev.batpak.kafka.BatpakException batpak) {
            return batpak;
        }
        return new AppendFailedException("the broker did not acknowledge the proposal: " + root
                + "; it may or may not be written: retry with the same idempotency key", root);
    }

    private Map<String, Object> producerConfig(Map<String, Object> common, String transactionalId) {
        Map<String, Object> producerConfig = new HashMap<>(common);
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", "true");
        // A synchronous append waits for its ack: batching delay only adds latency (STACK.md: 0.9 ms vs 7 ms).
        producerConfig.put("linger.ms", "0");
        producerConfig.put("max.in.flight.requests.per.connection", "5");
        producerConfig.put("client.id", "batpak-" + config.store() + (transactionalId == null ? "-append" : "-batch"));
        if (transactionalId != null) {
            producerConfig.put("transactional.id", transactionalId);
        }
        producerConfig.putAll(config.producerOverrides());
        return producerConfig;
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException(config.store());
        }
        tracker.checkNotFailed();
    }

    private static void requirePositive(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("a wait needs a timeout >= 0, got " + timeout);
        }
    }

    private static byte[] uuidBytes(UUID id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            if (closeable instanceof KafkaProducer<?, ?> kafkaProducer) {
                kafkaProducer.close(Duration.ofSeconds(5));
            } else {
                closeable.close();
            }
        } catch (Exception e) {
            // closing is best effort: the store is going away either way
        }
    }
}
