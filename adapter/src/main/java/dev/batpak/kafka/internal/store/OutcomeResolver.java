package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.frontier.WaitInterruptedException;
import dev.batpak.kafka.frontier.WaitTimeoutException;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.frontier.FrontierTracker;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.receipt.CommitReceipt;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns "the proposal passed VISIBLE" into the decision itself.
 *
 * <p>The sequencer writes a lane's VISIBLE frontier point in the same exactly-once transaction as
 * the journal records it covers, so once VISIBLE passes a proposal, its journal record (sealed
 * event or denial) is committed. The tail usually holds it already. If not, the resolver reads the
 * journal lane's last stable offset and waits for the tail to get there: a record still missing
 * then was never written for this proposal, which happens for an idempotent retry (the sequencer
 * answers it with the original outcome and writes nothing), and for receipts of appends made
 * before this store opened; both are found by reading the journal.
 */
public final class OutcomeResolver {

    private final StoreTopics topics;
    private final FrontierTracker tracker;
    private final JournalTail tail;
    private final JournalScanner scanner;
    private final Admin admin;

    /** Creates the resolver over the store's tracker, tail, scanner and admin client. */
    public OutcomeResolver(String store, int lanes, FrontierTracker tracker, JournalTail tail, JournalScanner scanner,
            Admin admin) {
        this.topics = StoreTopics.of(store);
        this.tracker = tracker;
        this.tail = tail;
        this.scanner = scanner;
        this.admin = admin;
    }

    /** Waits for {@code stage} and, from VISIBLE on, returns the decision. */
    public Outcome await(AppendReceipt receipt, Stage stage, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitStage(receipt.lane(), stage, receipt.proposalOffset(), timeout, receipt);
        if (stage.compareTo(Stage.VISIBLE) < 0) {
            return new Outcome.Proposed(receipt, stage);
        }
        try {
            return decision(receipt, deadline, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(stage, receipt.lane(), e);
        }
    }

    /** Waits until {@code stage} of {@code lane} passes {@code proposalOffset}. */
    public void awaitLane(int lane, Stage stage, long proposalOffset, Duration timeout) {
        awaitStage(lane, stage, proposalOffset, timeout, null);
    }

    /** The visible event with id {@code eventId}. */
    public StoredEvent get(EventId eventId, Duration timeout) {
        byte[] id = eventId.toBytes();
        return scanner.find(eventId, r -> java.util.Arrays.equals(r.getEventId().bytes(), id), timeout)
                .map(found -> JournalMapping.toStoredEvent(found.record(), found.journalOffset()))
                .orElseThrow(() -> new EventNotFoundException(eventId));
    }

    /** Up to {@code limit} events of stream {@code (entity, lane)} from {@code fromClock}. */
    public List<StoredEvent> readStream(String entity, int lane, long fromClock, int limit, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StoredEvent> events = new ArrayList<>();
        for (JournalTail.Found found : scanner.scanLane(lane, entity,
                r -> r.getEntity().equals(entity) && r.getLane() == lane && r.getClock() >= fromClock, limit,
                deadline)) {
            events.add(JournalMapping.toStoredEvent(found.record(), found.journalOffset()));
        }
        return events;
    }

    private void awaitStage(int lane, Stage stage, long proposalOffset, Duration timeout, AppendReceipt receipt) {
        boolean reached;
        try {
            reached = tracker.await(lane, stage, proposalOffset, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(stage, lane, e);
        }
        if (!reached) {
            throw new WaitTimeoutException(stage, lane, proposalOffset, timeout, receipt);
        }
    }

    private Outcome decision(AppendReceipt receipt, long deadline, Duration timeout) throws InterruptedException {
        int lane = receipt.lane();
        long offset = receipt.proposalOffset();
        EventId keyed = receipt.eventId();
        try {
            Optional<JournalTail.Found> found = tail.byProposal(lane, offset);
            if (found.isEmpty()) {
                long stable = lastStableOffset(receipt, deadline, timeout);
                if (!tail.awaitJournalPosition(lane, stable, remaining(deadline))) {
                    throw new WaitTimeoutException(Stage.VISIBLE, lane, offset, timeout, receipt);
                }
                found = tail.byProposal(lane, offset);
            }
            if (found.isPresent()) {
                return outcome(receipt, found.get(), false);
            }
            Optional<JournalTail.Found> original = tail.byEventId(keyed);
            if (original.isEmpty()) {
                original = scanner.find(keyed, sealedFrom(receipt), remaining(deadline));
            }
            if (original.isEmpty()) {
                throw new EventNotFoundException(keyed);
            }
            boolean sameProposal = original.get().record().getProposalOffset() == offset
                    && original.get().record().getLane() == lane;
            return outcome(receipt, original.get(), !sameProposal);
        } finally {
            tail.release(lane, offset, keyed);
        }
    }

    /** The record sealed from this very proposal, or the original outcome of its idempotency key. */
    private static Predicate<JournalEvent> sealedFrom(AppendReceipt receipt) {
        byte[] id = receipt.eventId().toBytes();
        return r -> {
            if (r.getLane() == receipt.lane() && r.getProposalOffset() == receipt.proposalOffset()) {
                return true;
            }
            if (!r.getKeyed()) {
                return false;
            }
            if (JournalMapping.isDenial(r)) {
                DenialTrace trace = JournalMapping.denialTrace(r);
                return trace.getProposedEventId() != null
                        && java.util.Arrays.equals(trace.getProposedEventId().bytes(), id)
                        && !"IDEMPOTENCY_CONFLICT".equals(trace.getCode());
            }
            return java.util.Arrays.equals(r.getEventId().bytes(), id);
        };
    }

    private static Outcome outcome(AppendReceipt receipt, JournalTail.Found found, boolean replayed) {
        JournalEvent record = found.record();
        StoredEvent event = JournalMapping.toStoredEvent(record, found.journalOffset());
        CommitReceipt commitReceipt = CommitReceipt.fromJournal(record);
        if (!JournalMapping.isDenial(record)) {
            return new Outcome.Committed(receipt, commitReceipt, event, replayed);
        }
        DenialTrace trace = JournalMapping.denialTrace(record);
        EventId proposed = trace.getProposedEventId() == null ? receipt.eventId()
                : EventId.fromBytes(trace.getProposedEventId().bytes());
        return new Outcome.Denied(receipt, trace.getCode(), trace.getMessage(),
                JournalMapping.context(trace.getContext()), JournalMapping.evaluations(trace), proposed, event,
                commitReceipt);
    }

    private long lastStableOffset(AppendReceipt receipt, long deadline, Duration timeout)
            throws InterruptedException {
        TopicPartition partition = new TopicPartition(topics.journal(), receipt.lane());
        try {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)
                            .timeoutMs((int) Math.max(1, remaining(deadline).toMillis())))
                    .partitionResult(partition).get().offset();
        } catch (ExecutionException e) {
            throw new WaitTimeoutException(Stage.VISIBLE, receipt.lane(), receipt.proposalOffset(), timeout, receipt);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
