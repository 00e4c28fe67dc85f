package dev.batpak.kafka.sequencer.internal;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.clock.HybridLogicalClock;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.gate.Evaluation;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.ContextEntry;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.GateEvaluation;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.Verdict;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.sequencer.DenialCodes;
import dev.batpak.kafka.sequencer.ProposalContext;
import dev.batpak.kafka.sequencer.state.BatchHeader;
import dev.batpak.kafka.sequencer.state.BufferedItem;
import dev.batpak.kafka.sequencer.state.CausalEntry;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import dev.batpak.kafka.sequencer.state.GraphNode;
import dev.batpak.kafka.sequencer.state.IdempotencyEntry;
import dev.batpak.kafka.sequencer.state.IndexedEvent;
import dev.batpak.kafka.sequencer.state.LaneState;
import dev.batpak.kafka.sequencer.state.PendingEntry;
import dev.batpak.kafka.sequencer.state.StoreLayout;
import dev.batpak.kafka.sequencer.state.StreamHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The sequencer: one instance per stream task, that is per lane. It turns each proposal of the
 * lane into exactly one decision — a sealed event, a denial event on the same stream, or (for an
 * idempotent retry) nothing new — and writes the decision, the store updates and the frontier in
 * the task's exactly-once transaction.
 *
 * <p>Checks run in a fixed order, first failure decides: decode, idempotency, reserved kind,
 * size, clock skew, causation, expected sequence (CAS), stateful gates; then the event is sealed
 * (clock, prev hash, HLC, event hash, signature). Idempotency comes before CAS so a keyed retry
 * gets its original outcome even when its expected sequence is stale by now.
 *
 * <p>Causal visibility: a proposal whose causation parents are not all visible yet (not in this
 * lane's event index, not committed in the cross-lane causal index) is <em>held</em> in the
 * {@code batpak-pending} store, undecided, while later proposals of other streams go on; later
 * proposals of the same stream queue behind it, so a stream is still decided in offset order. A
 * wall-clock punctuator rechecks held proposals and decides them when their parents appear, or
 * denies them {@code CAUSE_NOT_FOUND} after {@code causal.wait.ms}.
 *
 * <p>Nothing a producer can write stops a lane: undecodable bytes and invalid coordinates
 * become denials on the lane's quarantine stream, a throwing gate becomes {@code GATE_DEFECT}.
 * What does stop the task is a defect of the sequencer itself (an unreadable state store, a
 * failed write), because continuing past it could break a chain.
 */
public final class SequencerProcessor implements Processor<byte[], byte[], byte[], OutRecord> {

    /** The name of the journal sink node. */
    public static final String JOURNAL_SINK = "batpak-journal-sink";
    /** The name of the frontier sink node. */
    public static final String FRONTIER_SINK = "batpak-frontier-sink";
    /** The name of the cross-lane causal index sink node. */
    public static final String CAUSAL_INDEX_SINK = "batpak-causal-index-sink";
    /** The entity of each lane's quarantine stream (undecodable records, invalid coordinates). */
    public static final String QUARANTINE_ENTITY = "batpak:quarantine";
    /** The scope of the quarantine stream. */
    public static final String QUARANTINE_SCOPE = "batpak:system";
    /** The largest part of one batch on one lane (batpak's batch.max_size limit). */
    public static final int MAX_BATCH_LANE_ITEMS = 4096;
    /** The payload version of a denial event: version 1 of the DenialTrace record. */
    public static final int DENIAL_PAYLOAD_VERSION = 1;

    private static final int MAX_EVICTIONS_PER_RUN = 10_000;
    private static final int MAX_MESSAGE_CHARS = 4096;
    private static final int MAX_CONTEXT_ENTRIES = 64;
    private static final int MAX_CONTEXT_KEY_CHARS = 256;
    private static final int MAX_CONTEXT_VALUE_CHARS = 1024;
    private static final Hash32 ZERO_HASH = new Hash32(new byte[32]);
    private static final byte[] NO_BATCH = new byte[0];

    private final SequencerSettings settings;
    private final List<String> gateNames;
    private final Set<Integer> seededLanes = new HashSet<>();
    private HybridLogicalClock hlc;
    private ProcessorContext<byte[], OutRecord> context;
    private KeyValueStore<Bytes, byte[]> heads;
    private KeyValueStore<Bytes, byte[]> idempotency;
    private KeyValueStore<Bytes, byte[]> idempotencyAge;
    private KeyValueStore<Bytes, byte[]> events;
    private KeyValueStore<Bytes, byte[]> batches;
    private KeyValueStore<Bytes, byte[]> lanes;
    private KeyValueStore<Bytes, byte[]> graph;
    private KeyValueStore<Bytes, byte[]> pending;
    private KeyValueStore<Bytes, byte[]> causalIndex;

    /** A processor with the given settings; the topology creates one per task. */
    public SequencerProcessor(SequencerSettings settings) {
        this.settings = settings;
        this.gateNames = settings.gates().names();
    }

    @Override
    public void init(ProcessorContext<byte[], OutRecord> context) {
        this.context = context;
        // the context's clock is the wall clock in production and the driver's mock clock in tests
        this.hlc = new HybridLogicalClock(new InstantSource() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(context.currentSystemTimeMs());
            }

            @Override
            public long millis() {
                return context.currentSystemTimeMs();
            }
        });
        this.heads = context.getStateStore(StoreLayout.HEADS);
        this.idempotency = context.getStateStore(StoreLayout.IDEMPOTENCY);
        this.idempotencyAge = context.getStateStore(StoreLayout.IDEMPOTENCY_AGE);
        this.events = context.getStateStore(StoreLayout.EVENTS);
        this.batches = context.getStateStore(StoreLayout.BATCHES);
        this.lanes = context.getStateStore(StoreLayout.LANES);
        this.graph = context.getStateStore(GraphLayout.STORE);
        this.pending = context.getStateStore(StoreLayout.PENDING);
        this.causalIndex = context.getStateStore(StoreLayout.CAUSAL_INDEX);
        context.schedule(settings.frontierPublishInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publishFrontier(now));
        context.schedule(settings.housekeepingInterval(), PunctuationType.WALL_CLOCK_TIME, now -> housekeeping(now));
        context.schedule(settings.causalRecheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> releaseHeld(now));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "the sequencer needs the source record's partition and offset; it must read <store>.proposals directly"));
        int lane = metadata.partition();
        long offset = metadata.offset();
        LaneState state = laneState(lane);
        Item item = new Item(offset, record.timestamp(), record.value(), Intake.read(record.value(), settings.codecs().proposal()), -1);
        Work work = new Work(lane, offset);
        Proposal decoded = item.proposal();
        if (decoded != null && decoded.getBatch() != null) {
            arrive(work, item, decoded.getBatch());
        } else if (item.intake() instanceof Intake.Valid && heldUnits(lane, decoded.getEntity()) > 0) {
            hold(lane, item); // queue behind the stream's held proposal: a stream is decided in offset order
        } else {
            decideAlone(work, item);
        }
        finish(work, state.withLastOffset(Math.max(state.lastOffset(), offset)));
    }

    // ---------------------------------------------------------------- deciding

    /**
     * Decides one proposal on its own: sealed, denied, (an idempotent retry) nothing, or held
     * until its causation parents are visible.
     */
    private void decideAlone(Work work, Item item) {
        Decision verdict = evaluate(work, item);
        if (verdict instanceof Reject reject) {
            deny(work, item, reject);
        } else if (verdict instanceof Hold) {
            hold(work.lane, item);
        }
    }

    /**
     * Runs every check on one proposal against the work's running state and, if all pass, seals
     * it into the work. A rejection leaves the work untouched.
     */
    private Decision evaluate(Work work, Item item) {
        if (item.intake() instanceof Intake.Invalid invalid) {
            return checkFailed(Check.DECODE, invalid.code(), invalid.message(), invalid.context());
        }
        Intake.Valid valid = (Intake.Valid) item.intake();
        Proposal p = valid.proposal();
        byte[] eventId = p.getEventId().bytes();
        Bytes idKey = StoreLayout.idKey(eventId);
        byte[] contentHash = p.getContentHash().bytes();
        String id = EventId.fromBytes(eventId).toString();

        // idempotency
        if (work.proposedIds.contains(idKey)) {
            return checkFailed(Check.IDEMPOTENCY, DenialCodes.DUPLICATE_EVENT_ID, "event id " + id
                    + " appears twice in one batch; every item needs its own id", List.of(Map.entry("eventId", id)));
        }
        if (p.getKeyed()) {
            IdempotencyEntry entry = knownKey(work, idKey);
            if (entry != null) {
                return entry.sameContent(contentHash) ? Retry.INSTANCE
                        : conflict(id, entry.contentHash(), contentHash, describe(entry.outcome()));
            }
            IndexedEvent existing = knownEvent(work, idKey);
            if (existing != null) {
                return existing.sameContent(contentHash) ? Retry.INSTANCE
                        : conflict(id, existing.contentHash(), contentHash, "committed at clock " + existing.clock());
            }
        } else if (knownEvent(work, idKey) != null) {
            return checkFailed(Check.IDEMPOTENCY, DenialCodes.DUPLICATE_EVENT_ID, "event id " + id
                    + " is already in this lane's journal; an unkeyed proposal must carry a fresh id"
                    + " (use an idempotency key to make retries safe)", List.of(Map.entry("eventId", id)));
        }

        // reserved kind
        EventKind kind = EventKind.fromRaw(p.getKind());
        if (kind.isReserved()) {
            return checkFailed(Check.KIND, DenialCodes.RESERVED_KIND, "kind " + kind + " is in a reserved category"
                    + " (system 0x0 or effect 0xD); application events use categories 0x1-0xC, 0xE, 0xF",
                    List.of(Map.entry("kind", kind.toString())));
        }

        // size
        long size = proposalSize(p);
        if (size > settings.maxPayloadBytes()) {
            return checkFailed(Check.SIZE, DenialCodes.PAYLOAD_TOO_LARGE, "payload, extensions and causes take " + size
                    + " bytes, more than the sequencer's limit of " + settings.maxPayloadBytes()
                    + "; store large content elsewhere and append a reference",
                    List.of(Map.entry("size", Long.toString(size)),
                            Map.entry("limit", Integer.toString(settings.maxPayloadBytes()))));
        }

        // clock skew
        HlcTimestamp proposed = HlcTimestamp.fromPacked(p.getHlc());
        long now = context.currentSystemTimeMs();
        if (proposed.physicalMillis() > now + settings.maxClockSkew().toMillis()) {
            return checkFailed(Check.CLOCK, DenialCodes.CLOCK_SKEW, "the submitter's clock reads "
                    + proposed.physicalMillis() + " ms, " + (proposed.physicalMillis() - now)
                    + " ms ahead of the sequencer's; allowed skew is " + settings.maxClockSkew().toMillis()
                    + " ms. Fix the submitting host's clock (NTP)",
                    List.of(Map.entry("proposalHlcMillis", Long.toString(proposed.physicalMillis())),
                            Map.entry("sequencerMillis", Long.toString(now)),
                            Map.entry("maxSkewMillis", Long.toString(settings.maxClockSkew().toMillis()))));
        }

        // causation: parents must be visible; self-reference and references to the future are refused
        List<HlcTimestamp> parentHlcs = new ArrayList<>(p.getCauses().size());
        Decision causal = checkCauses(work, p, eventId, proposed, parentHlcs);
        if (causal != null) {
            return causal;
        }

        // expected sequence
        Optional<StreamHead> head = head(work, p.getEntity());
        String mismatch = switch (p.getExpectation()) {
            case ANY -> null;
            case EMPTY -> head.isEmpty() ? null : "empty";
            case EXACT -> head.isPresent() && head.get().clock() == p.getExpectedSequence()
                    ? null : Long.toString(p.getExpectedSequence());
        };
        if (mismatch != null) {
            String actual = head.map(h -> Long.toString(h.clock())).orElse("empty");
            return checkFailed(Check.SEQUENCE, DenialCodes.SEQUENCE_MISMATCH, "stream " + p.getEntity() + " on lane "
                    + work.lane + " was expected at " + mismatch + " but is at " + actual
                    + "; read the stream and decide again",
                    List.of(Map.entry("expected", mismatch), Map.entry("actual", actual)));
        }

        // stateful gates
        if (!gateNames.isEmpty()) {
            ProposalContext ctx = gateContext(work, item, valid, head);
            Evaluation<ProposalContext> evaluation = settings.gates().evaluate(ctx, dev.batpak.kafka.gate.Proposal.of(ctx));
            if (evaluation instanceof Evaluation.Denied<ProposalContext> denied) {
                return gateFailed(denied);
            }
        }

        // seal
        JournalEvent.Builder event = JournalEvent.newBuilder()
                .setEventId(p.getEventId())
                .setKeyed(p.getKeyed())
                .setEntity(p.getEntity())
                .setScope(p.getScope())
                .setKind(p.getKind())
                .setPayloadVersion(p.getPayloadVersion())
                .setEncoding(p.getEncoding())
                .setPayloadSchemaId(p.getPayloadSchemaId())
                .setPayload(p.getPayload())
                .setCorrelationId(p.getCorrelationId())
                .setCauses(p.getCauses())
                .setFlags(p.getFlags())
                .setExtensions(p.getExtensions())
                .setBatch(p.getBatch());
        JournalEvent sealed = seal(work, event, p.getEntity(), item.offset(), proposed, parentHlcs);
        work.proposedIds.add(idKey);
        if (p.getKeyed()) {
            work.keys.put(idKey, new IdempotencyEntry(contentHash, new IdempotencyEntry.Committed(
                    sealed.getClock(), sealed.getEventHash().bytes(), item.offset()), work.decisionOffset,
                    batchIdOf(p)));
        }
        return Accept.INSTANCE;
    }

    /**
     * Writes the denial event of one proposal: on the proposal's own stream, or on the lane's
     * quarantine stream when the record is not a valid proposal. A keyed proposal's key is
     * recorded as denied unless the key already has an outcome.
     */
    private void deny(Work work, Item item, Reject reject) {
        Proposal p = item.proposal();
        boolean quarantine = item.intake() instanceof Intake.Invalid;
        String entity = quarantine ? QUARANTINE_ENTITY : p.getEntity();
        String scope = quarantine ? QUARANTINE_SCOPE : p.getScope();
        byte[] proposedId = p == null ? null : p.getEventId().bytes();
        byte[] denialId = DenialIds.derive(proposedId, work.lane, item.offset());
        DenialTrace trace = DenialTrace.newBuilder()
                .setCode(reject.code())
                .setMessage(clean(reject.message(), MAX_MESSAGE_CHARS))
                .setContext(contextEntries(reject.context()))
                .setEvaluations(reject.evaluations())
                .setPipelineId(null)
                .setProposedEventId(p == null ? null : p.getEventId())
                .setProposedKind(p == null ? 0 : p.getKind())
                .setProposedContentHash(p == null ? null : p.getContentHash())
                .setProposalOffset(item.offset())
                .setRecordHash(item.intake() instanceof Intake.Invalid invalid ? new Hash32(invalid.recordHash()) : null)
                .build();
        JournalEvent.Builder event = JournalEvent.newBuilder()
                .setEventId(new Id16(denialId))
                .setKeyed(p != null && p.getKeyed())
                .setEntity(entity)
                .setScope(scope)
                .setKind(EventKind.SYSTEM_DENIAL.raw())
                .setPayloadVersion(DENIAL_PAYLOAD_VERSION)
                .setEncoding(PayloadEncoding.AVRO)
                .setPayloadSchemaId(null)
                .setPayload(ByteBuffer.wrap(Codecs.DENIAL_TRACE.encode(trace)))
                .setCorrelationId(p == null ? new Id16(denialId) : p.getCorrelationId())
                .setCauses(List.of())
                .setFlags(0)
                .setExtensions(List.of())
                .setBatch(p == null ? null : p.getBatch());
        // the proposed id never becomes an event, unless it already is one (a conflict or duplicate)
        boolean indexDenied = !quarantine && neverSealed(work, StoreLayout.idKey(proposedId));
        JournalEvent sealed = seal(work, event, entity, item.offset(), p == null ? null : trustedHlc(p), List.of());
        if (indexDenied) {
            work.causal.put(StoreLayout.idKey(proposedId), new CausalEntry(CausalEntry.Status.DENIED, work.lane,
                    item.offset(), sealed.getHlc()));
        }
        if (!quarantine && p.getKeyed()) {
            Bytes idKey = StoreLayout.idKey(proposedId);
            if (knownKey(work, idKey) == null && knownEvent(work, idKey) == null) {
                work.keys.put(idKey, new IdempotencyEntry(p.getContentHash().bytes(), new IdempotencyEntry.Denied(
                        reject.code(), denialId, sealed.getClock(), item.offset()), work.decisionOffset,
                        batchIdOf(p)));
            }
        }
    }

    /**
     * Seals an event onto stream {@code (entity, work.lane)}: the next clock, the head's hash as
     * prev hash, an HLC above the head's, the proposal's and every earlier stamp, the event hash
     * and, with a key, the signature. Updates the work's running head and index.
     */
    private JournalEvent seal(Work work, JournalEvent.Builder event, String entity, long proposalOffset,
            HlcTimestamp proposed, List<HlcTimestamp> parents) {
        Optional<StreamHead> head = head(work, entity);
        long clock = head.map(h -> h.clock() + 1).orElse(0L);
        byte[] prevHash = head.map(StreamHead::eventHash).orElseGet(EventHashing::genesisPrevHash);
        List<HlcTimestamp> observed = new ArrayList<>(2 + parents.size());
        if (proposed != null) {
            observed.add(proposed);
        }
        observed.addAll(parents);
        head.ifPresent(h -> observed.add(HlcTimestamp.fromPacked(h.hlc())));
        HlcTimestamp stamp = hlc.observeAll(observed);
        JournalEvent unsealed = event
                .setFormatVersion(1)
                .setLane(work.lane)
                .setClock(clock)
                .setHlc(stamp.packed())
                .setPrevHash(new Hash32(prevHash))
                .setContentHash(ZERO_HASH)
                .setEventHash(ZERO_HASH)
                .setProposalOffset(proposalOffset)
                .setSignature(null)
                .build();
        JournalEvent sealed = settings.signer().isPresent() ? settings.signer().get().sealAndSign(unsealed)
                : EventHashing.seal(unsealed);
        byte[] eventId = sealed.getEventId().bytes();
        byte[] eventHash = sealed.getEventHash().bytes();
        work.heads.put(entity, Optional.of(new StreamHead(clock, eventHash, stamp.packed(), proposalOffset, eventId)));
        work.dirtyHeads.add(entity);
        work.index.put(StoreLayout.idKey(eventId), new IndexedEvent(work.lane, clock, proposalOffset, stamp.packed(),
                eventHash, sealed.getContentHash().bytes(), sealed.getKind(), sealed.getEntity(), sealed.getScope(),
                sealed.getBatch() == null ? NO_BATCH : sealed.getBatch().getBatchId().bytes()));
        work.causal.put(StoreLayout.idKey(eventId), new CausalEntry(CausalEntry.Status.SEALED, work.lane,
                proposalOffset, stamp.packed()));
        work.journal.add(sealed);
        return sealed;
    }

    // ---------------------------------------------------------------- batches

    /**
     * One item of a batch arrived: buffer it until this lane's part of the batch is complete,
     * then decide the part all or nothing.
     */
    private void arrive(Work work, Item item, BatchMember member) {
        String shape = shapeProblem(member, work.lane);
        if (shape != null) {
            if (item.intake() instanceof Intake.Valid) {
                deny(work, item, batchRejection(DenialCodes.INVALID_BATCH, "the item's batch description is"
                        + " inconsistent: " + shape, member, List.of()));
                if (member.getLanes().size() > 1) {
                    vote(work, member.getBatchId().bytes(), item.offset(), false);
                }
            } else {
                decideAlone(work, item);
            }
            return;
        }
        byte[] batchId = member.getBatchId().bytes();
        Bytes headerKey = StoreLayout.batchHeaderKey(work.lane, batchId);
        byte[] headerBytes = batches.get(headerKey);
        BatchHeader header;
        if (headerBytes == null) {
            if (item.intake() instanceof Intake.Valid valid && decidedInBatch(work, valid.proposal(), batchId)) {
                // a retry (or a late duplicate) of an item of this batch, which the lane already decided
                decideAlone(work, item);
                return;
            }
            header = new BatchHeader(member.getSize(), member.getLaneSize(), member.getLanes(), item.offset(),
                    context.currentSystemTimeMs(), 0, -1, "");
        } else {
            header = BatchHeader.decode(headerBytes);
        }
        Bytes itemKey = StoreLayout.batchItemKey(work.lane, batchId, member.getIndex());
        if (batches.get(itemKey) != null) {
            // the same item again before the batch completed: it is decided with the first copy
            return;
        }
        String mismatch = mismatch(header, member);
        if (mismatch != null) {
            header = header.inconsistentAt(member.getIndex(), mismatch);
        }
        batches.put(itemKey, new BufferedItem(item.offset(), item.timestamp(), item.value()).encode());
        header = header.arrivedAt(item.offset());
        if (!header.complete()) {
            batches.put(headerKey, header.encode());
        } else {
            Part part = decideBatch(work, batchId, header, true, false, false);
            if (part != Part.DECIDED) {
                holdBatch(work.lane, batchId, header, part == Part.VOTED);
            }
        }
    }

    /**
     * Decides a complete batch part in index order: all items sealed (consecutive items of one
     * stream chain to each other; an item may name an earlier item as its parent), or all denied
     * — the failing item with its own code, every other item with {@code BATCH_ABORTED} naming the
     * failing index. Or not at all: when an item's parents are not visible yet (and the part has
     * not waited {@code causal.wait.ms}), or, with {@code checkHeldStreams}, when one of its
     * streams has a held proposal, the part stays buffered: {@link Part#HELD}.
     *
     * <p>A part of a batch that spans several lanes is not sealed when it passes: the lane votes
     * {@code PART_ACCEPTED} in the causal index and holds the part ({@link Part#VOTED}) until
     * every lane has voted; {@code commit} (every vote is in and accepting) then seals it. A part
     * that fails votes {@code PART_DENIED}, which aborts every other part.
     */
    private Part decideBatch(Work work, byte[] batchId, BatchHeader header, boolean checkHeldStreams,
            boolean timedOut, boolean commit) {
        List<Item> items = readBuffered(work.lane, batchId);
        boolean crossLane = header.lanes().size() > 1;
        if (checkHeldStreams && header.inconsistentIndex() < 0) {
            for (String entity : entitiesOf(items)) {
                if (heldUnits(work.lane, entity) > 0) {
                    return Part.HELD;
                }
            }
        }
        Item failing = null;
        Reject failure = null;
        if (header.inconsistentIndex() >= 0) {
            for (Item item : items) {
                if (item.batchIndex() == header.inconsistentIndex()) {
                    failing = item;
                }
            }
            failure = batchRejection(DenialCodes.INVALID_BATCH, "the item's batch description disagrees with the"
                    + " batch's first item: " + header.inconsistency(), failing.proposal().getBatch(), List.of());
        } else {
            Item firstRetry = null;
            int retries = 0;
            for (Item item : items) {
                Decision verdict = evaluate(work, item);
                if (verdict instanceof Hold hold) {
                    if (!timedOut && !commit) {
                        work.clear();
                        return Part.HELD;
                    }
                    verdict = notFound(hold);
                }
                if (verdict instanceof Reject reject) {
                    failing = item;
                    failure = reject;
                    break;
                }
                if (verdict == Retry.INSTANCE) {
                    retries++;
                    firstRetry = firstRetry == null ? item : firstRetry;
                }
            }
            if (failing == null) {
                if (retries == 0 && crossLane && !commit) {
                    // passed on this lane: vote, and hold the part until every lane has voted
                    work.clear();
                    vote(work, batchId, header.firstOffset(), true);
                    return Part.VOTED;
                }
                if (retries == 0 || retries == items.size()) {
                    deleteBuffered(work.lane, batchId);
                    return Part.DECIDED; // all sealed into the work, or a retry of the whole batch: nothing new
                }
                failing = firstRetry;
                failure = batchRejection(DenialCodes.IDEMPOTENCY_PARTIAL_BATCH, "some items of the batch carry"
                        + " idempotency keys that are already decided and others do not; retry the whole batch"
                        + " with the same keys, or send a new batch with new keys",
                        failing.proposal().getBatch(), List.of(Map.entry("replayedItems", Integer.toString(retries))));
            }
        }
        work.clear();
        String id = HexFormat.of().formatHex(batchId);
        for (Item item : items) {
            if (item == failing) {
                deny(work, item, failure);
            } else {
                deny(work, item, batchRejection(DenialCodes.BATCH_ABORTED, "item " + failing.batchIndex()
                        + " of batch " + id + " was denied (" + failure.code() + "); a batch is committed all or"
                        + " nothing", item.proposal() == null ? null : item.proposal().getBatch(),
                        List.of(Map.entry("failedIndex", Integer.toString(failing.batchIndex())),
                                Map.entry("failedCode", failure.code()))));
            }
        }
        if (crossLane) {
            vote(work, batchId, header.firstOffset(), false);
        }
        deleteBuffered(work.lane, batchId);
        return Part.DECIDED;
    }

    /** Records this lane's final vote on a cross-lane batch in the causal index (with the work). */
    private void vote(Work work, byte[] batchId, long firstOffset, boolean accepted) {
        work.causal.put(CausalEntry.voteKey(batchId, work.lane), new CausalEntry(accepted
                ? CausalEntry.Status.PART_ACCEPTED : CausalEntry.Status.PART_DENIED, work.lane, firstOffset,
                hlc.last().packed()));
    }

    /**
     * The votes of every lane of a cross-lane batch, as committed in the causal index: the first
     * lane that denied its part, {@code -1} when every lane accepted, or null while a vote is
     * missing. Votes never change, so every lane reaches the same answer.
     */
    private Integer votes(byte[] batchId, List<Integer> lanesOfBatch) {
        boolean missing = false;
        for (int lane : lanesOfBatch) {
            byte[] bytes = causalIndex.get(CausalEntry.voteKey(batchId, lane));
            if (bytes == null) {
                missing = true;
            } else if (CausalEntry.decode(bytes).status() == CausalEntry.Status.PART_DENIED) {
                return lane;
            }
        }
        return missing ? null : -1;
    }

    /** Denies every item of this lane's part because lane {@code failedLane} denied its part. */
    private void abortPart(Work work, byte[] batchId, int failedLane) {
        String id = HexFormat.of().formatHex(batchId);
        for (Item item : readBuffered(work.lane, batchId)) {
            deny(work, item, batchRejection(DenialCodes.BATCH_ABORTED, "lane " + failedLane + " denied its part of"
                    + " batch " + id + "; a batch is committed on all its lanes or on none",
                    item.proposal() == null ? null : item.proposal().getBatch(),
                    List.of(Map.entry("failedLane", Integer.toString(failedLane)))));
        }
        deleteBuffered(work.lane, batchId);
    }

    /** Keeps a complete batch part buffered and held; its streams queue behind it. */
    private void holdBatch(int lane, byte[] batchId, BatchHeader header, boolean voted) {
        batches.put(StoreLayout.batchHeaderKey(lane, batchId), header.encode());
        pending.put(StoreLayout.pendingKey(lane, header.firstOffset()),
                PendingEntry.batch(header.firstOffset(), context.currentSystemTimeMs(), batchId, voted).encode());
        for (String entity : entitiesOf(readBuffered(lane, batchId))) {
            addHeld(lane, entity, 1);
        }
    }

    /** The entities of the valid items. */
    private static Set<String> entitiesOf(List<Item> items) {
        Set<String> entities = new LinkedHashSet<>();
        for (Item item : items) {
            if (item.intake() instanceof Intake.Valid valid) {
                entities.add(valid.proposal().getEntity());
            }
        }
        return entities;
    }

    /** Removes the buffered items and the header of a batch. */
    private void deleteBuffered(int lane, byte[] batchId) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = batches.prefixScan(StoreLayout.batchItemPrefix(lane, batchId),
                new BytesSerializer())) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        keys.forEach(batches::delete);
        batches.delete(StoreLayout.batchHeaderKey(lane, batchId));
    }

    /** The buffered items of a batch, in index order. */
    private List<Item> readBuffered(int lane, byte[] batchId) {
        List<Item> items = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = batches.prefixScan(StoreLayout.batchItemPrefix(lane, batchId),
                new BytesSerializer())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                BufferedItem buffered = BufferedItem.decode(entry.value);
                int index = ByteBuffer.wrap(entry.key.get()).getInt(21);
                items.add(new Item(buffered.offset(), buffered.timestamp(), buffered.value(),
                        Intake.read(buffered.value(), settings.codecs().proposal()), index));
            }
        }
        return items;
    }

    private static String shapeProblem(BatchMember m, int lane) {
        if (m.getSize() < 1 || m.getIndex() < 0 || m.getIndex() >= m.getSize()) {
            return "index " + m.getIndex() + " is not within a batch of size " + m.getSize();
        }
        if (m.getLaneSize() < 1 || m.getLaneSize() > m.getSize() || m.getLaneSize() > MAX_BATCH_LANE_ITEMS) {
            return "laneSize " + m.getLaneSize() + " must be between 1 and min(size " + m.getSize() + ", "
                    + MAX_BATCH_LANE_ITEMS + ")";
        }
        List<Integer> lanes = m.getLanes();
        for (int i = 1; i < lanes.size(); i++) {
            if (lanes.get(i) <= lanes.get(i - 1)) {
                return "lanes " + lanes + " are not distinct and ascending";
            }
        }
        if (!lanes.contains(lane)) {
            return "lanes " + lanes + " do not include the lane " + lane + " the item arrived on";
        }
        return null;
    }

    private static String mismatch(BatchHeader header, BatchMember m) {
        if (header.size() != m.getSize() || header.laneSize() != m.getLaneSize() || !header.lanes().equals(m.getLanes())) {
            return "item " + m.getIndex() + " says size " + m.getSize() + ", laneSize " + m.getLaneSize() + ", lanes "
                    + m.getLanes() + " but the batch was opened with size " + header.size() + ", laneSize "
                    + header.laneSize() + ", lanes " + header.lanes();
        }
        return null;
    }

    /** True when this proposal's id is already decided as an item of batch {@code batchId}. */
    private boolean decidedInBatch(Work work, Proposal p, byte[] batchId) {
        Bytes idKey = StoreLayout.idKey(p.getEventId().bytes());
        IdempotencyEntry entry = p.getKeyed() ? knownKey(work, idKey) : null;
        if (entry != null) {
            return entry.inBatch(batchId);
        }
        IndexedEvent event = knownEvent(work, idKey);
        return event != null && event.inBatch(batchId);
    }

    private static byte[] batchIdOf(Proposal p) {
        return p.getBatch() == null ? NO_BATCH : p.getBatch().getBatchId().bytes();
    }

    // ---------------------------------------------------------------- causation

    /**
     * The causation check. Null when every parent is visible (their HLCs are added to
     * {@code parentHlcs}, so the seal stamps above them); a rejection for a self-reference, a
     * parent from the future or a denied parent; {@link Hold} when a parent is not visible yet.
     *
     * <p>A parent is visible when it is in this lane's event index (same lane: decided in this or
     * an earlier transaction of the lane, so a reader of the lane sees it before the child) or
     * committed in the cross-lane causal index (another lane: the global store reads only
     * committed entries).
     */
    private Decision checkCauses(Work work, Proposal p, byte[] eventId, HlcTimestamp proposed,
            List<HlcTimestamp> parentHlcs) {
        if (p.getCauses().isEmpty()) {
            return null;
        }
        for (Id16 cause : p.getCauses()) {
            if (Arrays.equals(cause.bytes(), eventId)) {
                String id = EventId.fromBytes(eventId).toString();
                return causeFailed(DenialCodes.CAUSE_SELF, "event " + id + " names itself as its cause; an event"
                        + " cannot cause itself", List.of(Map.entry("cause", id)));
            }
        }
        // the proposal's own time: its HLC, or its UUIDv7 id's timestamp when later (a stale HLC
        // must not make every parent look like it comes from the future)
        long own = Math.max(proposed.physicalMillis(), v7Millis(eventId));
        long latest = own + settings.maxClockSkew().toMillis();
        List<String> missing = new ArrayList<>();
        for (Id16 cause : p.getCauses()) {
            Bytes key = StoreLayout.idKey(cause.bytes());
            IndexedEvent local = knownEvent(work, key);
            if (local != null) {
                parentHlcs.add(HlcTimestamp.fromPacked(local.hlc()));
                continue;
            }
            String parentId = EventId.fromBytes(cause.bytes()).toString();
            IdempotencyEntry entry = knownKey(work, key);
            if (entry != null && entry.outcome() instanceof IdempotencyEntry.Denied denied) {
                return causeDenied(parentId, denied.code());
            }
            byte[] indexed = causalIndex.get(key);
            if (indexed != null) {
                CausalEntry found = CausalEntry.decode(indexed);
                if (found.status() == CausalEntry.Status.DENIED) {
                    return causeDenied(parentId, "lane " + found.lane());
                }
                parentHlcs.add(HlcTimestamp.fromPacked(found.hlc()));
                continue;
            }
            // Only a parent that is not there yet can be "from the future": a visible parent exists,
            // whatever its bits say (an idempotency key is hash bits and may look like a UUIDv7).
            long parentMillis = v7Millis(cause.bytes());
            if (parentMillis > latest) {
                return causeFailed(DenialCodes.CAUSE_FUTURE, "cause " + parentId + " was created at " + parentMillis
                        + " ms, after this proposal (" + own + " ms) beyond the allowed skew of "
                        + settings.maxClockSkew().toMillis() + " ms; a cause must exist before its effect",
                        List.of(Map.entry("cause", parentId), Map.entry("causeMillis", Long.toString(parentMillis)),
                                Map.entry("proposalMillis", Long.toString(own))));
            }
            missing.add(parentId);
        }
        return missing.isEmpty() ? null : new Hold(missing);
    }

    /** The Unix milliseconds of a UUIDv7, or {@link Long#MIN_VALUE} for any other id (no time to compare). */
    private static long v7Millis(byte[] id) {
        long msb = ByteBuffer.wrap(id).getLong();
        return ((msb >>> 12) & 0xF) == 7 ? msb >>> 16 : Long.MIN_VALUE;
    }

    private Reject causeDenied(String parentId, String detail) {
        return causeFailed(DenialCodes.CAUSE_DENIED, "cause " + parentId + " was denied (" + detail + "), so it never"
                + " became an event and nothing can follow from it", List.of(Map.entry("cause", parentId)));
    }

    /** {@code CAUSE_NOT_FOUND} for a proposal whose parents stayed invisible for {@code causal.wait.ms}. */
    private Reject notFound(Hold hold) {
        return causeFailed(DenialCodes.CAUSE_NOT_FOUND, "causes " + hold.missing() + " did not become visible within "
                + settings.causalWait().toMillis() + " ms; append the causes first (or check their ids)",
                List.of(Map.entry("missing", String.join(",", hold.missing())),
                        Map.entry("waitedMillis", Long.toString(settings.causalWait().toMillis()))));
    }

    /** A causation denial's trace: the checks before it PERMIT, {@code batpak.causation} DENY, the rest SKIPPED. */
    private Reject causeFailed(String code, String message, List<Map.Entry<String, String>> context) {
        List<GateEvaluation> evaluations = new ArrayList<>(Check.values().length + gateNames.size() + 1);
        for (Check check : Check.values()) {
            if (check == Check.SEQUENCE) {
                evaluations.add(evaluation(Check.CAUSATION_GATE, Verdict.DENY, code, message, context));
            }
            evaluations.add(evaluation(check.gateId(), check.compareTo(Check.SEQUENCE) < 0 ? Verdict.PERMIT
                    : Verdict.SKIPPED, "", "", List.of()));
        }
        for (String gate : gateNames) {
            evaluations.add(evaluation(gate, Verdict.SKIPPED, "", "", List.of()));
        }
        return new Reject(code, message, context, evaluations);
    }

    /** True when no journal record carries this id (so a denial of it makes it DENIED in the causal index). */
    private boolean neverSealed(Work work, Bytes idKey) {
        if (knownEvent(work, idKey) != null) {
            return false;
        }
        IdempotencyEntry entry = knownKey(work, idKey);
        return entry == null || !(entry.outcome() instanceof IdempotencyEntry.Committed);
    }

    /** Holds a valid single proposal undecided; its stream's later proposals queue behind it. */
    private void hold(int lane, Item item) {
        pending.put(StoreLayout.pendingKey(lane, item.offset()), PendingEntry.single(item.offset(), item.timestamp(),
                context.currentSystemTimeMs(), item.value()).encode());
        addHeld(lane, item.proposal().getEntity(), 1);
    }

    /** How many held proposals or batch parts stream {@code (entity, lane)} has. */
    private int heldUnits(int lane, String entity) {
        byte[] bytes = pending.get(StoreLayout.heldStreamKey(lane, entity));
        return bytes == null ? 0 : ByteBuffer.wrap(bytes).getInt();
    }

    private void addHeld(int lane, String entity, int delta) {
        int units = heldUnits(lane, entity) + delta;
        Bytes key = StoreLayout.heldStreamKey(lane, entity);
        if (units <= 0) {
            pending.delete(key);
        } else {
            pending.put(key, ByteBuffer.allocate(4).putInt(units).array());
        }
    }

    /** The smallest offset held for causation on a lane, -1 if none. */
    private long oldestHeld(int lane) {
        try (KeyValueIterator<Bytes, byte[]> it = pending.prefixScan(StoreLayout.pendingPrefix(lane),
                new BytesSerializer())) {
            return it.hasNext() ? PendingEntry.decode(it.next().value).offset() : -1;
        }
    }

    /**
     * Rechecks the held proposals and batch parts of every lane, oldest first: decides those
     * whose parents are visible now, denies those that waited {@code causal.wait.ms}
     * ({@code CAUSE_NOT_FOUND}), and keeps the rest. A unit stays queued while an older unit of
     * one of its streams is still held, so each stream is decided in offset order. Each decision
     * is written like one of {@code process}, into the task's open transaction.
     */
    private void releaseHeld(long now) {
        for (KeyValue<Bytes, LaneState> lane : laneStates()) {
            int laneId = StoreLayout.laneOf(lane.key);
            List<KeyValue<Bytes, PendingEntry>> held = new ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> it = pending.prefixScan(StoreLayout.pendingPrefix(laneId),
                    new BytesSerializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    held.add(KeyValue.pair(entry.key, PendingEntry.decode(entry.value)));
                }
            }
            Set<String> blocked = new HashSet<>();
            for (KeyValue<Bytes, PendingEntry> entry : held) {
                boolean timedOut = now - entry.value.heldAtMillis() >= settings.causalWait().toMillis();
                if (entry.value.isBatch()) {
                    releaseBatch(laneId, entry.key, entry.value, timedOut, blocked);
                } else {
                    releaseSingle(laneId, entry.key, entry.value, timedOut, blocked);
                }
            }
        }
    }

    private void releaseSingle(int lane, Bytes key, PendingEntry held, boolean timedOut, Set<String> blocked) {
        Item item = new Item(held.offset(), held.timestamp(), held.value(),
                Intake.read(held.value(), settings.codecs().proposal()), -1);
        String entity = item.proposal().getEntity();
        if (blocked.contains(entity)) {
            return;
        }
        LaneState state = laneState(lane);
        Work work = new Work(lane, Math.max(0, state.lastOffset()));
        Decision verdict = evaluate(work, item);
        if (verdict instanceof Hold hold) {
            if (!timedOut) {
                blocked.add(entity);
                return;
            }
            verdict = notFound(hold);
        }
        if (verdict instanceof Reject reject) {
            deny(work, item, reject);
        }
        pending.delete(key);
        addHeld(lane, entity, -1);
        finish(work, state);
    }

    private void releaseBatch(int lane, Bytes key, PendingEntry held, boolean timedOut, Set<String> blocked) {
        byte[] batchId = held.batchId();
        byte[] headerBytes = batches.get(StoreLayout.batchHeaderKey(lane, batchId));
        if (headerBytes == null) {
            throw new IllegalStateException("held batch " + HexFormat.of().formatHex(batchId) + " on lane " + lane
                    + " has no buffered header; the sequencer's state is inconsistent");
        }
        Set<String> entities = entitiesOf(readBuffered(lane, batchId));
        if (!Collections.disjoint(entities, blocked)) {
            blocked.addAll(entities);
            return;
        }
        BatchHeader header = BatchHeader.decode(headerBytes);
        LaneState state = laneState(lane);
        Work work = new Work(lane, Math.max(0, state.lastOffset()));
        if (held.voted()) {
            // waits for the other lanes' votes only; after voting it never times out on its own
            Integer failedLane = votes(batchId, header.lanes());
            if (failedLane == null) {
                blocked.addAll(entities);
                return;
            }
            if (failedLane < 0) {
                decideBatch(work, batchId, header, false, true, true);
            } else {
                abortPart(work, batchId, failedLane);
            }
        } else {
            Part part = decideBatch(work, batchId, header, false, timedOut, false);
            if (part != Part.DECIDED) {
                blocked.addAll(entities);
                if (part == Part.VOTED) {
                    pending.put(key, held.asVoted().encode());
                    finish(work, state);
                }
                return;
            }
        }
        pending.delete(key);
        for (String entity : entities) {
            addHeld(lane, entity, -1);
        }
        finish(work, state);
    }

    // ---------------------------------------------------------------- punctuators

    /**
     * Publishes ACCEPTED and VISIBLE for every lane whose complete prefix of decided proposals
     * moved: the last processed offset + 1, held below the oldest item of an incomplete batch and
     * below the oldest proposal held for its causation parents (decision 0010).
     * Written in the task's transaction, so a read_committed reader sees a point only together
     * with the journal records it covers.
     */
    private void publishFrontier(long now) {
        List<KeyValue<Bytes, LaneState>> states = laneStates();
        for (KeyValue<Bytes, LaneState> entry : states) {
            int lane = StoreLayout.laneOf(entry.key);
            LaneState state = entry.value;
            if (state.lastOffset() < 0) {
                continue;
            }
            long frontier = state.lastOffset() + 1;
            long oldestBuffered = oldestBuffered(lane);
            if (oldestBuffered >= 0) {
                frontier = Math.min(frontier, oldestBuffered);
            }
            long oldestHeld = oldestHeld(lane);
            if (oldestHeld >= 0) {
                frontier = Math.min(frontier, oldestHeld);
            }
            if (frontier <= state.publishedOffset()) {
                continue;
            }
            for (Stage stage : new Stage[] {Stage.ACCEPTED, Stage.VISIBLE}) {
                FrontierPoint point = FrontierPoint.newBuilder()
                        .setStore(settings.store())
                        .setLane(lane)
                        .setStage(stage)
                        .setOffset(frontier)
                        .setPublishedAtMillis(now)
                        .setPublisher(settings.publisher())
                        .build();
                byte[] key = (lane + "/" + stage.name()).getBytes(StandardCharsets.UTF_8);
                context.forward(new Record<>(key, new OutRecord(0, settings.codecs().frontierPoint().encode(point)), now),
                        FRONTIER_SINK);
            }
            lanes.put(entry.key, state.withPublishedOffset(frontier).encode());
        }
    }

    /** Times out incomplete batches and evicts idempotency keys beyond the soft cap. */
    private void housekeeping(long now) {
        for (KeyValue<Bytes, LaneState> entry : laneStates()) {
            int lane = StoreLayout.laneOf(entry.key);
            expireBatches(lane, now);
            evictKeys(lane);
        }
    }

    /**
     * Denies every buffered item of each batch that has waited longer than the batch timeout:
     * the lane's frontier must not stay behind a batch whose other items will never come.
     */
    private void expireBatches(int lane, long now) {
        List<byte[]> expired = new ArrayList<>();
        List<BatchHeader> headers = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = batches.prefixScan(StoreLayout.batchHeaderPrefix(lane),
                new BytesSerializer())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                BatchHeader header = BatchHeader.decode(entry.value);
                // a complete part is held for causation and released or timed out by releaseHeld
                if (!header.complete() && now - header.openedAtMillis() >= settings.batchTimeout().toMillis()) {
                    expired.add(StoreLayout.batchHeaderKeyBatchId(entry.key));
                    headers.add(header);
                }
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        LaneState state = laneState(lane);
        Work work = new Work(lane, Math.max(0, state.lastOffset()));
        for (int b = 0; b < expired.size(); b++) {
            BatchHeader header = headers.get(b);
            List<Item> items = readBuffered(lane, expired.get(b));
            deleteBuffered(lane, expired.get(b));
            if (header.lanes().size() > 1) {
                vote(work, expired.get(b), header.firstOffset(), false);
            }
            for (Item item : items) {
                deny(work, item, batchRejection(DenialCodes.BATCH_INCOMPLETE, "only " + header.arrived() + " of the "
                        + header.laneSize() + " items of this batch on lane " + lane + " arrived within "
                        + settings.batchTimeout().toMillis() + " ms; the batch is denied so the lane can go on",
                        item.proposal() == null ? null : item.proposal().getBatch(),
                        List.of(Map.entry("arrived", Integer.toString(header.arrived())),
                                Map.entry("laneSize", Integer.toString(header.laneSize())))));
            }
        }
        finish(work, state);
    }

    /**
     * Keeps a lane's idempotency entries under the soft cap by evicting the oldest entries that
     * are outside the window; entries inside the window are never evicted, so the cap may be
     * exceeded while the window alone holds more keys than the cap.
     */
    private void evictKeys(int lane) {
        LaneState state = laneState(lane);
        long excess = state.idempotencyKeys() - settings.idempotencyMaxKeys();
        long lastOutOfWindow = state.lastOffset() - settings.idempotencyWindow();
        if (excess <= 0 || lastOutOfWindow < 0) {
            return;
        }
        byte[] maxId = new byte[16];
        Arrays.fill(maxId, (byte) 0xFF);
        List<Bytes> victims = new ArrayList<>();
        long limit = Math.min(excess, MAX_EVICTIONS_PER_RUN);
        try (KeyValueIterator<Bytes, byte[]> it = idempotencyAge.range(StoreLayout.ageLaneStart(lane),
                StoreLayout.ageKey(lane, lastOutOfWindow, maxId))) {
            while (it.hasNext() && victims.size() < limit) {
                victims.add(it.next().key);
            }
        }
        for (Bytes victim : victims) {
            idempotency.delete(StoreLayout.idKey(StoreLayout.ageKeyEventId(victim)));
            idempotencyAge.delete(victim);
        }
        if (!victims.isEmpty()) {
            lanes.put(StoreLayout.laneKey(lane),
                    state.withIdempotencyKeys(state.idempotencyKeys() - victims.size()).encode());
        }
    }

    private long oldestBuffered(int lane) {
        long oldest = -1;
        try (KeyValueIterator<Bytes, byte[]> it = batches.prefixScan(StoreLayout.batchHeaderPrefix(lane),
                new BytesSerializer())) {
            while (it.hasNext()) {
                long first = BatchHeader.decode(it.next().value).firstOffset();
                oldest = oldest < 0 ? first : Math.min(oldest, first);
            }
        }
        return oldest;
    }

    private List<KeyValue<Bytes, LaneState>> laneStates() {
        List<KeyValue<Bytes, LaneState>> states = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = lanes.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                states.add(KeyValue.pair(entry.key, LaneState.decode(entry.value)));
            }
        }
        return states;
    }

    // ---------------------------------------------------------------- state access

    /** The lane's bookkeeping; the first time a lane is seen, the HLC is moved past its last stamp. */
    private LaneState laneState(int lane) {
        byte[] bytes = lanes.get(StoreLayout.laneKey(lane));
        LaneState state = bytes == null ? LaneState.EMPTY : LaneState.decode(bytes);
        if (seededLanes.add(lane) && state.lastHlc() != 0) {
            hlc.observe(HlcTimestamp.fromPacked(state.lastHlc()));
        }
        return state;
    }

    private Optional<StreamHead> head(Work work, String entity) {
        Optional<StreamHead> running = work.heads.get(entity);
        if (running != null) {
            return running;
        }
        byte[] bytes = heads.get(StoreLayout.headKey(work.lane, entity));
        Optional<StreamHead> stored = bytes == null ? Optional.empty() : Optional.of(StreamHead.decode(bytes));
        work.heads.put(entity, stored);
        return stored;
    }

    private IdempotencyEntry knownKey(Work work, Bytes idKey) {
        IdempotencyEntry pending = work.keys.get(idKey);
        if (pending != null) {
            return pending;
        }
        byte[] bytes = idempotency.get(idKey);
        return bytes == null ? null : IdempotencyEntry.decode(bytes);
    }

    private IndexedEvent knownEvent(Work work, Bytes idKey) {
        IndexedEvent pending = work.index.get(idKey);
        if (pending != null) {
            return pending;
        }
        byte[] bytes = events.get(idKey);
        return bytes == null ? null : IndexedEvent.decode(bytes);
    }

    /** Writes a work's journal records, store updates and lane bookkeeping. */
    private void finish(Work work, LaneState state) {
        for (JournalEvent event : work.journal) {
            byte[] key = event.getEntity().getBytes(StandardCharsets.UTF_8);
            long timestamp = HlcTimestamp.fromPacked(event.getHlc()).physicalMillis();
            context.forward(new Record<>(key, new OutRecord(work.lane, settings.codecs().journalEvent().encode(event)), timestamp),
                    JOURNAL_SINK);
        }
        for (String entity : work.dirtyHeads) {
            heads.put(StoreLayout.headKey(work.lane, entity), work.heads.get(entity).orElseThrow().encode());
        }
        work.index.forEach((key, indexed) -> events.put(key, indexed.encode()));
        work.causal.forEach((key, entry) -> context.forward(new Record<>(key.get(),
                new OutRecord(work.lane, entry.encode()), HlcTimestamp.fromPacked(entry.hlc()).physicalMillis()),
                CAUSAL_INDEX_SINK));
        for (JournalEvent event : work.journal) {
            indexGraph(event);
        }
        work.keys.forEach((key, entry) -> {
            idempotency.put(key, entry.encode());
            idempotencyAge.put(StoreLayout.ageKey(work.lane, entry.recordedAtOffset(), key.get()), new byte[0]);
        });
        LaneState updated = state.withIdempotencyKeys(state.idempotencyKeys() + work.keys.size());
        if (!work.journal.isEmpty()) {
            updated = updated.withLastHlc(hlc.last().packed());
        }
        lanes.put(StoreLayout.laneKey(work.lane), updated.encode());
    }

    /**
     * Records a journal record in the causal-graph store: its node, its hash, one child entry per
     * parent and its place in its correlation group. Written with the event index, in the same
     * transaction as the record.
     */
    private void indexGraph(JournalEvent event) {
        byte[] eventId = event.getEventId().bytes();
        byte[] correlation = event.getCorrelationId().bytes();
        List<byte[]> parents = new ArrayList<>(event.getCauses().size());
        for (Id16 cause : event.getCauses()) {
            parents.add(cause.bytes());
        }
        GraphNode node = new GraphNode(event.getLane(), event.getClock(), event.getHlc(), event.getKind(),
                event.getEntity(), event.getScope(), event.getEventHash().bytes(), event.getPrevHash().bytes(),
                correlation, parents);
        graph.put(GraphLayout.nodeKey(eventId), node.encode());
        graph.put(GraphLayout.hashKey(event.getEventHash().bytes()), eventId.clone());
        for (byte[] parent : parents) {
            graph.put(GraphLayout.childKey(parent, event.getHlc(), eventId), new byte[0]);
        }
        graph.put(GraphLayout.correlationKey(correlation, event.getHlc(), eventId), new byte[0]);
    }

    // ---------------------------------------------------------------- traces

    private Reject checkFailed(Check failed, String code, String message, List<Map.Entry<String, String>> context) {
        List<GateEvaluation> evaluations = new ArrayList<>(Check.values().length + gateNames.size());
        for (Check check : Check.values()) {
            int order = check.compareTo(failed);
            evaluations.add(order < 0 ? evaluation(check.gateId(), Verdict.PERMIT, "", "", List.of())
                    : order == 0 ? evaluation(check.gateId(), Verdict.DENY, code, message, context)
                    : evaluation(check.gateId(), Verdict.SKIPPED, "", "", List.of()));
        }
        for (String gate : gateNames) {
            evaluations.add(evaluation(gate, Verdict.SKIPPED, "", "", List.of()));
        }
        return new Reject(code, message, context, evaluations);
    }

    private Reject gateFailed(Evaluation.Denied<ProposalContext> denied) {
        List<GateEvaluation> evaluations = new ArrayList<>(Check.values().length + gateNames.size());
        for (Check check : Check.values()) {
            evaluations.add(evaluation(check.gateId(), Verdict.PERMIT, "", "", List.of()));
        }
        for (dev.batpak.kafka.gate.GateEvaluation e : denied.evaluations()) {
            GateVerdict verdict = e.verdict();
            if (verdict instanceof GateVerdict.Deny deny) {
                evaluations.add(evaluation(e.gateId(), Verdict.DENY, deny.code(), deny.message(), deny.context()));
            } else {
                evaluations.add(evaluation(e.gateId(), verdict instanceof GateVerdict.Permit ? Verdict.PERMIT
                        : Verdict.SKIPPED, "", "", List.of()));
            }
        }
        String code = denied.denial().isDefect() ? DenialCodes.GATE_DEFECT : DenialCodes.GATE_DENIED;
        return new Reject(code, denied.denial().message(), denied.denial().context(), evaluations);
    }

    private Reject conflict(String id, byte[] originalHash, byte[] retryHash, String original) {
        HexFormat hex = HexFormat.of();
        return checkFailed(Check.IDEMPOTENCY, DenialCodes.IDEMPOTENCY_CONFLICT, "idempotency key " + id
                + " was first used for different content (" + original + "); a retry must resend the same"
                + " payload, and a new operation needs a new key",
                List.of(Map.entry("key", id), Map.entry("originalContentHash", hex.formatHex(originalHash)),
                        Map.entry("proposedContentHash", hex.formatHex(retryHash)), Map.entry("original", original)));
    }

    private static Reject batchRejection(String code, String message, BatchMember member,
            List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> context = new ArrayList<>();
        if (member != null) {
            context.add(Map.entry("batchId", HexFormat.of().formatHex(member.getBatchId().bytes())));
            context.add(Map.entry("index", Integer.toString(member.getIndex())));
        }
        context.addAll(extra);
        return new Reject(code, message, context,
                List.of(evaluation(Check.BATCH_GATE, Verdict.DENY, code, message, context)));
    }

    private static String describe(IdempotencyEntry.Outcome outcome) {
        if (outcome instanceof IdempotencyEntry.Committed c) {
            return "committed at clock " + c.clock();
        }
        IdempotencyEntry.Denied d = (IdempotencyEntry.Denied) outcome;
        return "denied " + d.code() + " at clock " + d.clock();
    }

    private static GateEvaluation evaluation(String gateId, Verdict verdict, String code, String message,
            List<Map.Entry<String, String>> context) {
        return new GateEvaluation(clean(gateId, MAX_CONTEXT_KEY_CHARS), verdict, clean(code, MAX_CONTEXT_KEY_CHARS),
                clean(message, MAX_MESSAGE_CHARS), contextEntries(context), null);
    }

    private static List<ContextEntry> contextEntries(List<Map.Entry<String, String>> context) {
        List<ContextEntry> entries = new ArrayList<>(Math.min(context.size(), MAX_CONTEXT_ENTRIES));
        for (Map.Entry<String, String> e : context) {
            if (entries.size() == MAX_CONTEXT_ENTRIES) {
                break;
            }
            entries.add(new ContextEntry(clean(e.getKey(), MAX_CONTEXT_KEY_CHARS),
                    clean(e.getValue(), MAX_CONTEXT_VALUE_CHARS)));
        }
        return entries;
    }

    /**
     * Text from gates and records made safe for the journal: unpaired surrogates (which have no
     * UTF-8 form and would make the record unencodable) replaced, length bounded so a gate's
     * message cannot push a denial over the broker's record size limit.
     */
    static String clean(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (out.length() >= maxChars - 1) {
                out.append('…');
                break;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private ProposalContext gateContext(Work work, Item item, Intake.Valid valid, Optional<StreamHead> head) {
        Proposal p = valid.proposal();
        ByteBuffer buffer = p.getPayload().duplicate();
        byte[] payload = new byte[buffer.remaining()];
        buffer.get(payload);
        Payload.Encoding encoding = Payload.Encoding.valueOf(p.getEncoding().name());
        OptionalInt schemaId = p.getPayloadSchemaId() == null ? OptionalInt.empty() : OptionalInt.of(p.getPayloadSchemaId());
        List<CausationId> causes = new ArrayList<>(p.getCauses().size());
        for (Id16 cause : p.getCauses()) {
            causes.add(CausationId.fromBytes(cause.bytes()));
        }
        TreeMap<String, byte[]> extensions = new TreeMap<>();
        for (Extension extension : p.getExtensions()) {
            ByteBuffer value = extension.getValue().duplicate();
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            extensions.put(extension.getKey(), bytes);
        }
        ProposalContext.StreamView view = head.map(h -> new ProposalContext.StreamView(true, h.clock(), h.eventHash(),
                HlcTimestamp.fromPacked(h.hlc()))).orElse(ProposalContext.StreamView.EMPTY);
        return new ProposalContext(EventId.fromBytes(p.getEventId().bytes()), p.getKeyed(), valid.coordinate(),
                EventKind.fromRaw(p.getKind()), new Payload(encoding, payload, schemaId), p.getPayloadVersion(),
                CorrelationId.fromBytes(p.getCorrelationId().bytes()), causes, extensions, p.getFlags(),
                HlcTimestamp.fromPacked(p.getHlc()), work.lane, item.offset(), view);
    }

    /** The proposal's HLC if it is within the allowed skew, else null: a denial must not jump the clock. */
    private HlcTimestamp trustedHlc(Proposal p) {
        HlcTimestamp proposed = HlcTimestamp.fromPacked(p.getHlc());
        return proposed.physicalMillis() > context.currentSystemTimeMs() + settings.maxClockSkew().toMillis()
                ? null : proposed;
    }

    private static long proposalSize(Proposal p) {
        long size = p.getPayload().remaining() + 16L * p.getCauses().size();
        for (Extension extension : p.getExtensions()) {
            size += extension.getKey().getBytes(StandardCharsets.UTF_8).length + extension.getValue().remaining();
        }
        return size;
    }

    /**
     * One proposal record on its way to a decision.
     *
     * @param offset its offset in the lane
     * @param timestamp its record timestamp
     * @param value its raw value bytes
     * @param intake the decode check's result
     * @param batchIndex its index in its batch, -1 when not (yet) known from the buffer
     */
    private record Item(long offset, long timestamp, byte[] value, Intake intake, int batchIndex) {

        /** The decoded proposal, valid or not, or null when the bytes did not decode. */
        Proposal proposal() {
            return intake instanceof Intake.Valid valid ? valid.proposal() : ((Intake.Invalid) intake).proposal();
        }
    }

    /** What became of a complete batch part. */
    private enum Part {
        /** Sealed or denied into the work. */
        DECIDED,
        /** Kept buffered: a parent is not visible yet, or one of its streams has a held proposal. */
        HELD,
        /** Passed on this lane (a cross-lane batch): voted, and kept buffered until every lane voted. */
        VOTED
    }

    /** The answer of the checks for one proposal. */
    private sealed interface Decision permits Accept, Retry, Reject, Hold {
    }

    /**
     * Not decidable yet: causation parents are not visible.
     *
     * @param missing the ids of the parents not visible yet
     */
    private record Hold(List<String> missing) implements Decision {
    }

    /** Sealed into the work. */
    private enum Accept implements Decision {
        INSTANCE
    }

    /** A keyed retry of a decided proposal with the same content: nothing new is written. */
    private enum Retry implements Decision {
        INSTANCE
    }

    /**
     * Denied.
     *
     * @param code the denial code
     * @param message what was wrong
     * @param context the evidence
     * @param evaluations the trace
     */
    private record Reject(String code, String message, List<Map.Entry<String, String>> context,
            List<GateEvaluation> evaluations) implements Decision {
    }

    /**
     * What one decision writes, collected first and written together in {@link #finish}, so a
     * batch that fails halfway can be discarded ({@link #clear()}) before anything is written.
     */
    private static final class Work {

        final int lane;
        final long decisionOffset;
        final Map<String, Optional<StreamHead>> heads = new HashMap<>();
        final Set<String> dirtyHeads = new LinkedHashSet<>();
        final List<JournalEvent> journal = new ArrayList<>();
        final Map<Bytes, IndexedEvent> index = new LinkedHashMap<>();
        final Map<Bytes, IdempotencyEntry> keys = new LinkedHashMap<>();
        final Set<Bytes> proposedIds = new HashSet<>();
        final Map<Bytes, CausalEntry> causal = new LinkedHashMap<>();

        Work(int lane, long decisionOffset) {
            this.lane = lane;
            this.decisionOffset = decisionOffset;
        }

        void clear() {
            heads.clear();
            dirtyHeads.clear();
            journal.clear();
            index.clear();
            keys.clear();
            proposedIds.clear();
            causal.clear();
        }
    }
}
