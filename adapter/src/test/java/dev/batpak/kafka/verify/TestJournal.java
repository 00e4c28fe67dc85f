package dev.batpak.kafka.verify;

import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A journal as tests build and damage it: per partition, the records in order, each a journal
 * event or raw bytes. Offsets are {@code 2 × position}, so they are not dense, as in a
 * transactional journal where commit markers take offsets too; the verifier must not assume
 * density. Immutable: every change returns a new journal.
 */
final class TestJournal {

    /** What to append: entity number, lane (taken modulo the lane count) and payload. */
    record Spec(int entity, int lane, byte[] payload) {
    }

    /** One record: an event, or raw bytes that are not one. */
    record Entry(JournalEvent event, byte[] raw) {
        static Entry of(JournalEvent event) {
            return new Entry(event, null);
        }

        byte[] bytes() {
            return event != null ? Codecs.JOURNAL_EVENT.encode(event) : raw;
        }
    }

    /** Where a record is: partition and position in it. */
    record Pos(int partition, int index) {
        long offset() {
            return offsetOf(index);
        }
    }

    /** A finding reduced to what a test pins: the code and the record it names. */
    record Expected(FindingCode code, int lane, long offset) {
        static Expected of(Finding f) {
            return new Expected(f.code(), f.lane(), f.journalOffset());
        }

        static Expected at(FindingCode code, Pos pos) {
            return new Expected(code, pos.partition(), pos.offset());
        }
    }

    private final List<List<Entry>> partitions;

    private TestJournal(List<List<Entry>> partitions) {
        List<List<Entry>> copy = new ArrayList<>();
        partitions.forEach(p -> copy.add(List.copyOf(p)));
        this.partitions = List.copyOf(copy);
    }

    static long offsetOf(int index) {
        return 2L * index;
    }

    /**
     * A valid journal: each spec appended to stream {@code ("order:" + entity, lane % lanes)},
     * sealed with {@link EventHashing#seal} and, with a signer, signed.
     */
    static TestJournal build(int lanes, List<Spec> specs, ReceiptSigner signer) {
        List<List<Entry>> partitions = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            partitions.add(new ArrayList<>());
        }
        Map<String, JournalEvent> heads = new HashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            int lane = Math.floorMod(spec.lane(), lanes);
            String entity = "order:" + spec.entity();
            JournalEvent head = heads.get(entity + "/" + lane);
            JournalEvent event = seal(JournalEvent.newBuilder()
                    .setEventId(id(i))
                    .setEntity(entity)
                    .setScope("shop")
                    .setLane(lane)
                    .setClock(head == null ? 0 : head.getClock() + 1)
                    .setKind(0x1001)
                    .setPayloadVersion(1)
                    .setEncoding(PayloadEncoding.JSON)
                    .setPayloadSchemaId(null)
                    .setPayload(ByteBuffer.wrap(spec.payload().clone()))
                    .setContentHash(new Hash32(new byte[32]))
                    .setCorrelationId(id(i))
                    .setCauses(List.of())
                    .setFlags(0)
                    .setExtensions(List.of())
                    .setHlc((1_700_000_000_000L + i) << 16)
                    .setPrevHash(new Hash32(head == null ? EventHashing.genesisPrevHash() : head.getEventHash().bytes()))
                    .setEventHash(new Hash32(new byte[32]))
                    .setProposalOffset(i)
                    .build(), signer);
            heads.put(entity + "/" + lane, event);
            partitions.get(lane).add(Entry.of(event));
        }
        return new TestJournal(partitions);
    }

    /** Seals and, with a signer, signs. */
    static JournalEvent seal(JournalEvent event, ReceiptSigner signer) {
        JournalEvent sealed = EventHashing.seal(JournalEvent.newBuilder(event).setSignature(null).build());
        return signer == null ? sealed : signer.signEvent(sealed);
    }

    /** A unique event id for the {@code i}-th event, shaped like a UUIDv7. */
    static Id16 id(long i) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(((1_700_000_000_000L + i) << 16) | 0x7000L);
        b.putLong(0x8000_0000_0000_0000L | i);
        return new Id16(b.array());
    }

    /** The records, partition by partition, with their offsets. */
    List<JournalRecord> records() {
        List<JournalRecord> out = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            List<Entry> entries = partitions.get(p);
            for (int i = 0; i < entries.size(); i++) {
                out.add(JournalRecord.of(p, offsetOf(i), entries.get(i).bytes()));
            }
        }
        return out;
    }

    int lanes() {
        return partitions.size();
    }

    List<Entry> partition(int p) {
        return partitions.get(p);
    }

    /** Every event's position, partition by partition. */
    List<Pos> eventPositions() {
        List<Pos> out = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            for (int i = 0; i < partitions.get(p).size(); i++) {
                if (partitions.get(p).get(i).event() != null) {
                    out.add(new Pos(p, i));
                }
            }
        }
        return out;
    }

    int eventCount() {
        return eventPositions().size();
    }

    JournalEvent event(Pos pos) {
        return Objects.requireNonNull(partitions.get(pos.partition()).get(pos.index()).event(), "not an event at " + pos);
    }

    /** Number of distinct (entity, partition) streams. */
    long streamCount() {
        return eventPositions().stream().map(pos -> pos.partition() + "/" + event(pos).getEntity()).distinct().count();
    }

    /** Number of partitions holding at least one record. */
    int nonEmptyPartitions() {
        return (int) partitions.stream().filter(p -> !p.isEmpty()).count();
    }

    /** The position of the event with clock + 1 in the same stream, or null if {@code pos} is the stream's last. */
    Pos successor(Pos pos) {
        JournalEvent e = event(pos);
        List<Entry> entries = partitions.get(pos.partition());
        for (int i = 0; i < entries.size(); i++) {
            JournalEvent other = entries.get(i).event();
            if (other != null && other.getEntity().equals(e.getEntity()) && other.getClock() == e.getClock() + 1) {
                return new Pos(pos.partition(), i);
            }
        }
        return null;
    }

    /** The same stream's event positions, in journal order. */
    List<Pos> streamOf(Pos pos) {
        String entity = event(pos).getEntity();
        List<Pos> out = new ArrayList<>();
        List<Entry> entries = partitions.get(pos.partition());
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).event() != null && entries.get(i).event().getEntity().equals(entity)) {
                out.add(new Pos(pos.partition(), i));
            }
        }
        return out;
    }

    /** A copy with the event at {@code pos} replaced by {@code change} applied to it (not re-sealed). */
    TestJournal withEvent(Pos pos, UnaryOperator<JournalEvent> change) {
        return withEntry(pos, Entry.of(change.apply(event(pos))));
    }

    /** A copy with the record at {@code pos} replaced. */
    TestJournal withEntry(Pos pos, Entry entry) {
        List<List<Entry>> copy = mutableCopy();
        copy.get(pos.partition()).set(pos.index(), entry);
        return new TestJournal(copy);
    }

    /** A copy with {@code entry} inserted at {@code pos} (later records move up one position). */
    TestJournal inserting(Pos pos, Entry entry) {
        List<List<Entry>> copy = mutableCopy();
        copy.get(pos.partition()).add(pos.index(), entry);
        return new TestJournal(copy);
    }

    /** A copy without the record at {@code pos}. */
    TestJournal removing(Pos pos) {
        List<List<Entry>> copy = mutableCopy();
        copy.get(pos.partition()).remove(pos.index());
        return new TestJournal(copy);
    }

    /** A copy with the records at {@code a} and {@code b} (same partition) exchanged. */
    TestJournal swapping(Pos a, Pos b) {
        List<List<Entry>> copy = mutableCopy();
        List<Entry> partition = copy.get(a.partition());
        Entry first = partition.get(a.index());
        partition.set(a.index(), partition.get(b.index()));
        partition.set(b.index(), first);
        return new TestJournal(copy);
    }

    private List<List<Entry>> mutableCopy() {
        List<List<Entry>> copy = new ArrayList<>();
        partitions.forEach(p -> copy.add(new ArrayList<>(p)));
        return copy;
    }
}
