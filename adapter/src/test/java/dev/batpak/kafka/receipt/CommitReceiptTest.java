package dev.batpak.kafka.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.JournalEvent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CommitReceiptTest {

    @Provide
    Arbitrary<JournalEvent> events() {
        return TestEvents.events();
    }

    @Test
    void fromJournalCarriesEverySignedField() {
        JournalEvent g = TestEvents.golden();
        CommitReceipt r = CommitReceipt.fromJournal(g);
        assertArrayEquals(g.getEventId().bytes(), r.eventId().toBytes());
        assertEquals(Coordinate.of("order:42", "shop"), r.coordinate());
        assertEquals(3, r.lane());
        assertEquals(1, r.clock());
        assertEquals(7, r.proposalOffset());
        assertEquals(EventKind.fromRaw(0x1001), r.kind());
        assertEquals(HlcTimestamp.of(1_700_000_000_000L, 2), r.hlc());
        assertArrayEquals(g.getPrevHash().bytes(), r.prevHash());
        assertArrayEquals(g.getEventHash().bytes(), r.eventHash());
        assertArrayEquals(g.getContentHash().bytes(), r.contentHash());
        assertEquals(List.of("app.tenant"), List.copyOf(r.extensions().keySet()));
        assertArrayEquals("t1".getBytes(java.nio.charset.StandardCharsets.UTF_8), r.extensions().get("app.tenant"));
        assertEquals(Optional.empty(), r.signature());
    }

    @Property(tries = 300) // each try signs with Ed25519
    void avroRoundTripIsLossless(@ForAll("events") JournalEvent event) throws Exception {
        CommitReceipt receipt = ReceiptSigner.of(Keys.PRIMARY).signed(CommitReceipt.fromJournal(event));
        assertEquals(receipt, CommitReceipt.fromAvro(receipt.toAvro()), "PROPERTY: fromAvro(toAvro(r)) = r");
        ByteBuffer wire = receipt.toAvro().toByteBuffer();
        assertEquals(receipt, CommitReceipt.fromAvro(dev.batpak.kafka.schemas.CommitReceipt.fromByteBuffer(wire)),
                "PROPERTY: a receipt survives Avro binary encoding");
    }

    @Property
    void extensionsAreSortedByKeyInTheAvroForm(@ForAll("events") JournalEvent event) {
        List<Extension> ext = CommitReceipt.fromJournal(event).toAvro().getExtensions();
        for (int i = 1; i < ext.size(); i++) {
            assertTrue(ext.get(i - 1).getKey().compareTo(ext.get(i).getKey()) < 0);
        }
    }

    @Test
    void arraysAreCopiedInAndOut() {
        CommitReceipt r = CommitReceipt.fromJournal(TestEvents.golden());
        byte[] prev = r.prevHash();
        prev[0] ^= 1;
        assertNotEquals(prev[0], r.prevHash()[0]);
        r.extensions().get("app.tenant")[0] = 'X';
        assertEquals('t', r.extensions().get("app.tenant")[0]);
        assertThrows(UnsupportedOperationException.class, () -> r.extensions().put("a.b", new byte[0]));
        assertEquals(r, CommitReceipt.fromJournal(TestEvents.golden()), "equality compares contents");
        assertEquals(r.hashCode(), CommitReceipt.fromJournal(TestEvents.golden()).hashCode());
    }

    @Test
    void malformedInputIsRefusedWithATypedError() {
        JournalEvent g = TestEvents.golden();
        ReceiptFormatException future = assertThrows(ReceiptFormatException.class,
                () -> CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setFormatVersion(2).build()));
        assertEquals("INVALID_RECEIPT", future.code());
        assertTrue(future.getMessage().contains("upgrade"), future.getMessage());
        assertThrows(ReceiptFormatException.class,
                () -> CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setEntity("a/../b").build()));
        assertThrows(ReceiptFormatException.class,
                () -> CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setLane(-1).build()));
        assertThrows(ReceiptFormatException.class, () -> CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setExtensions(List.of(
                new Extension("app.a", ByteBuffer.allocate(0)), new Extension("app.a", ByteBuffer.allocate(0)))).build()));
        assertThrows(ReceiptFormatException.class, () -> CommitReceipt.fromJournal(JournalEvent.newBuilder(g)
                .setSignature(new dev.batpak.kafka.schemas.ReceiptSignature(TestEvents.hash32(1), ByteBuffer.allocate(63))).build()));
        CommitReceipt r = CommitReceipt.fromJournal(g);
        assertThrows(ReceiptFormatException.class, () -> new CommitReceipt(r.eventId(), r.coordinate(), r.lane(), r.clock(),
                r.proposalOffset(), r.kind(), r.hlc(), new byte[31], r.eventHash(), r.contentHash(), new TreeMap<>(), Optional.empty()));
        assertThrows(ReceiptFormatException.class, () -> KeyId.of(new byte[16]));
        assertThrows(ReceiptFormatException.class, () -> KeyId.parse("xyz"));
    }

    @Test
    void signatureBlockFromTheJournalIsKept() {
        JournalEvent signed = ReceiptSigner.of(Keys.PRIMARY).signEvent(TestEvents.golden());
        CommitReceipt r = CommitReceipt.fromJournal(signed);
        assertEquals(Keys.PRIMARY.keyId(), r.signature().orElseThrow().keyId());
        assertEquals(r.withoutSignature(), CommitReceipt.fromJournal(TestEvents.golden()));
        assertEquals(EventId.fromBytes(TestEvents.golden().getEventId().bytes()), r.eventId());
    }
}
