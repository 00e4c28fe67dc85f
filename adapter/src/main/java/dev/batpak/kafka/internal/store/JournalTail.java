package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.frontier.FrontierTracker;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background reader per store: it follows {@code <store>.frontier} from the beginning (to
 * learn accepted, visible, applied and emitted) and {@code <store>.journal} from the end at open
 * (to catch the outcomes of this store's own appends), both read_committed.
 *
 * <p>It keeps only the journal records somebody registered interest in (by lane and proposal
 * offset, or by event id for idempotent appends), so memory follows the appends in flight, not
 * the journal's size. Records that cannot be decoded are counted and skipped: one bad record never
 * stops the reader.
 *
 * <p>Locking: every append registers an interest ({@link #expect}) from its caller's thread, and
 * the reader thread reads every journal record, so the interests are concurrent sets and neither
 * side takes the monitor for them. The monitor guards the resolved records and the positions, and
 * is what waiters wait on; the reader takes it only for a record somebody registered and once per
 * poll for the positions, never while decoding.
 */
public final class JournalTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalTail.class);
    private static final int MAX_RESOLVED = 100_000;

    /** A journal record and where it was read. */
    public record Found(JournalEvent record, long journalOffset) {
    }

    private record LaneOffset(int lane, long offset) {
    }

    private final String store;
    private final int lanes;
    private final StoreTopics topics;
    private final FrontierTracker tracker;
    private final RecordCodecs codecs;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Map<LaneOffset, Boolean> interests = new ConcurrentHashMap<>();
    private final Map<EventId, Boolean> idInterests = new ConcurrentHashMap<>();
    private final LinkedHashMap<LaneOffset, Found> resolved = new LinkedHashMap<>();
    private final LinkedHashMap<EventId, Found> resolvedById = new LinkedHashMap<>();
    private final long[] journalPositions;
    private final List<TopicPartition> journalPartitions;
    private final TopicPartition frontierPartition;
    private long frontierEndAtStart;
    private long frontierPosition;
    private volatile boolean running = true;
    private volatile Throwable crashed;
    private long skippedRecords;

    /** Creates the reader; {@link #start()} starts it. */
    public JournalTail(String store, int lanes, Map<String, Object> consumerConfig, FrontierTracker tracker,
            RecordCodecs codecs) {
        this.codecs = codecs;
        this.store = store;
        this.lanes = lanes;
        this.topics = StoreTopics.of(store);
        this.tracker = tracker;
        this.journalPositions = new long[lanes];
        List<TopicPartition> journal = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            journal.add(new TopicPartition(topics.journal(), lane));
        }
        this.journalPartitions = List.copyOf(journal);
        this.frontierPartition = new TopicPartition(topics.frontier(), 0);
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        config.putIfAbsent("client.id", "batpak-" + store + "-tail");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "batpak-" + store + "-tail");
        this.thread.setDaemon(true);
    }

    /** Assigns the partitions, positions the journal at its end and starts the reader thread. */
    public void start() {
        List<TopicPartition> journal = journalPartitions;
        TopicPartition frontier = frontierPartition;
        List<TopicPartition> all = new ArrayList<>(journal);
        all.add(frontier);
        consumer.assign(all);
        consumer.seekToBeginning(List.of(frontier));
        consumer.seekToEnd(journal);
        frontierEndAtStart = consumer.endOffsets(List.of(frontier)).get(frontier);
        for (TopicPartition partition : journal) {
            journalPositions[partition.partition()] = consumer.position(partition);
        }
        thread.start();
    }

    /** Registers interest in the journal record sealed from proposal {@code (lane, offset)}. */
    public void expect(int lane, long proposalOffset, EventId keyedEventId) {
        interests.put(new LaneOffset(lane, proposalOffset), Boolean.TRUE);
        if (keyedEventId != null) {
            idInterests.put(keyedEventId, Boolean.TRUE);
        }
    }

    /** The record sealed from proposal {@code (lane, offset)}, if the reader has seen it. */
    public synchronized Optional<Found> byProposal(int lane, long proposalOffset) {
        return Optional.ofNullable(resolved.get(new LaneOffset(lane, proposalOffset)));
    }

    /** The committed record with event id {@code eventId}, if registered and seen. */
    public synchronized Optional<Found> byEventId(EventId eventId) {
        return Optional.ofNullable(resolvedById.get(eventId));
    }

    /** Forgets what was kept for a proposal once its outcome was handed out. */
    public void release(int lane, long proposalOffset, EventId keyedEventId) {
        LaneOffset key = new LaneOffset(lane, proposalOffset);
        interests.remove(key);
        if (keyedEventId != null) {
            idInterests.remove(keyedEventId);
        }
        synchronized (this) {
            resolved.remove(key);
            if (keyedEventId != null) {
                resolvedById.remove(keyedEventId);
            }
        }
    }

    /**
     * Blocks until the reader's journal position on {@code lane} reaches {@code position}, or the
     * timeout passes. Returns whether it was reached.
     */
    public synchronized boolean awaitJournalPosition(int lane, long position, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (journalPositions[lane] < position) {
            checkAlive();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    /**
     * Blocks until the reader has read every frontier announcement that existed when it started,
     * so a snapshot taken afterwards reflects the published state. Returns whether it did in time.
     */
    public synchronized boolean awaitFrontierCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frontierPosition < frontierEndAtStart) {
            checkAlive();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return true;
    }

    /** Blocks until a record for {@code (lane, offset)} arrives, or the timeout passes. */
    public synchronized Optional<Found> awaitProposal(int lane, long proposalOffset, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LaneOffset key = new LaneOffset(lane, proposalOffset);
        while (!resolved.containsKey(key)) {
            checkAlive();
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return Optional.of(resolved.get(key));
    }

    /** The number of records skipped because they could not be decoded. */
    public synchronized long skippedRecords() {
        return skippedRecords;
    }

    private void checkAlive() {
        if (crashed != null) {
            throw new IllegalStateException("the journal reader of store '" + store + "' stopped: " + crashed,
                    crashed);
        }
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.topic().equals(frontierPartition.topic())) {
                        onFrontier(record);
                    } else {
                        onJournal(record);
                    }
                }
                updatePositions();
            }
        } catch (WakeupException e) {
            if (running) {
                crashed = e;
            }
        } catch (RuntimeException e) {
            crashed = e;
            LOG.error("journal reader of store '{}' stopped", store, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private void onFrontier(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        FrontierPoint point;
        try {
            point = codecs.frontierPoint().decode(record.value());
        } catch (MalformedRecordException e) {
            skip("frontier", record, e);
            return;
        }
        if (!store.equals(point.getStore()) || point.getLane() < 0 || point.getLane() >= lanes
                || point.getOffset() < 0) {
            skip("frontier", record, new IllegalArgumentException("point for another store or lane: " + point));
            return;
        }
        tracker.advance(point.getLane(), Stage.valueOf(point.getStage().name()), point.getOffset());
    }

    private void onJournal(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            skip("journal", record, new IllegalArgumentException("a null value (a tombstone) in the journal"));
            return;
        }
        JournalEvent event;
        try {
            event = codecs.journalEvent().decode(record.value());
        } catch (MalformedRecordException e) {
            skip("journal", record, e);
            return;
        }
        LaneOffset key = new LaneOffset(record.partition(), event.getProposalOffset());
        EventId id = null;
        if (!idInterests.isEmpty() && !JournalMapping.isDenial(event)) {
            EventId candidate = EventId.fromBytes(event.getEventId().bytes());
            if (idInterests.containsKey(candidate)) {
                id = candidate;
            }
        }
        if (id == null && !interests.containsKey(key)) {
            return; // nobody waits for this record: it is not kept, and no waiter needs waking
        }
        // Checked again under the monitor, where release() also drops what was kept: an interest
        // released between the check above and here is not resolved (and not leaked).
        Found found = new Found(event, record.offset());
        synchronized (this) {
            if (interests.remove(key) != null) {
                resolved.put(key, found);
                trim(resolved);
            }
            if (id != null && idInterests.containsKey(id)) {
                resolvedById.put(id, found);
                trim(resolvedById);
            }
            notifyAll();
        }
    }

    /** Publishes the consumer's positions to waiters; the positions are read before taking the monitor. */
    private void updatePositions() {
        long frontier = consumer.position(frontierPartition);
        long[] journal = new long[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            journal[lane] = consumer.position(journalPartitions.get(lane));
        }
        synchronized (this) {
            boolean moved = frontier != frontierPosition;
            frontierPosition = frontier;
            for (int lane = 0; lane < lanes; lane++) {
                if (journal[lane] != journalPositions[lane]) {
                    journalPositions[lane] = journal[lane];
                    moved = true;
                }
            }
            if (moved) {
                notifyAll();
            }
        }
    }

    private synchronized void skip(String topic, ConsumerRecord<byte[], byte[]> record, Exception e) {
        skippedRecords++;
        LOG.warn("skipping an undecodable {} record at {}-{}@{}: {}", topic, record.topic(), record.partition(),
                record.offset(), e.toString());
    }

    private static <K> void trim(LinkedHashMap<K, Found> map) {
        Iterator<K> it = map.keySet().iterator();
        while (map.size() > MAX_RESOLVED && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
