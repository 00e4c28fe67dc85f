package dev.batpak.kafka.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.BatchMember;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.ReceiptSignature;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EventHashingTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One way to change exactly one hashed input of an event. */
    enum HashedField {
        EVENT_ID(e -> b(e).setEventId(flip(e.getEventId()))),
        ENTITY(e -> b(e).setEntity(e.getEntity() + "x")),
        SCOPE(e -> b(e).setScope(e.getScope() + "x")),
        LANE(e -> b(e).setLane(e.getLane() == Integer.MAX_VALUE ? 0 : e.getLane() + 1)),
        CLOCK(e -> b(e).setClock(e.getClock() ^ 1)),
        KIND(e -> b(e).setKind(e.getKind() ^ 1)),
        PAYLOAD_VERSION(e -> b(e).setPayloadVersion(e.getPayloadVersion() ^ 0x8000)),
        ENCODING(e -> b(e).setEncoding(PayloadEncoding.values()[(e.getEncoding().ordinal() + 1) % PayloadEncoding.values().length])),
        PAYLOAD_SCHEMA_ID(e -> b(e).setPayloadSchemaId(e.getPayloadSchemaId() == null ? Integer.valueOf(0) : null)),
        PAYLOAD_SCHEMA_ID_VALUE(e -> b(e).setPayloadSchemaId(e.getPayloadSchemaId() == null ? 1 : e.getPayloadSchemaId() + 1)),
        CORRELATION_ID(e -> b(e).setCorrelationId(flip(e.getCorrelationId()))),
        CAUSES_ADDED(e -> {
            List<Id16> causes = new ArrayList<>(e.getCauses());
            causes.add(TestEvents.id16(0x40));
            return b(e).setCauses(causes);
        }),
        CAUSES_CHANGED(e -> {
            List<Id16> causes = new ArrayList<>(e.getCauses());
            if (causes.isEmpty()) {
                causes.add(TestEvents.id16(0));
            } else {
                causes.set(0, flip(causes.get(0)));
            }
            return b(e).setCauses(causes);
        }),
        FLAGS(e -> b(e).setFlags(e.getFlags() ^ 0x8000_0000)),
        EXTENSION_ADDED(e -> {
            List<Extension> ext = new ArrayList<>(e.getExtensions());
            ext.add(new Extension("zz.added", ByteBuffer.allocate(0)));
            return b(e).setExtensions(ext);
        }),
        EXTENSION_VALUE(e -> {
            List<Extension> ext = new ArrayList<>(e.getExtensions());
            if (ext.isEmpty()) {
                ext.add(new Extension("zz.added", ByteBuffer.allocate(0)));
            } else {
                ByteBuffer v = ext.get(0).getValue().duplicate();
                byte[] bytes = new byte[v.remaining() + 1];
                v.get(bytes, 0, bytes.length - 1);
                ext.set(0, new Extension(ext.get(0).getKey(), ByteBuffer.wrap(bytes)));
            }
            return b(e).setExtensions(ext);
        }),
        HLC(e -> b(e).setHlc(e.getHlc() + 1)),
        PREV_HASH(e -> b(e).setPrevHash(flip(e.getPrevHash()))),
        PAYLOAD_BYTE(e -> {
            byte[] payload = bytes(e.getPayload());
            if (payload.length == 0) {
                payload = new byte[] {0};
            } else {
                payload[payload.length / 2] ^= 0x01;
            }
            return b(e).setPayload(ByteBuffer.wrap(payload));
        }),
        PAYLOAD_EXTENDED(e -> {
            byte[] payload = bytes(e.getPayload());
            return b(e).setPayload(ByteBuffer.wrap(java.util.Arrays.copyOf(payload, payload.length + 1)));
        });

        final UnaryOperator<JournalEvent> mutate;

        HashedField(java.util.function.Function<JournalEvent, JournalEvent.Builder> change) {
            this.mutate = e -> change.apply(e).build();
        }
    }

    /** Fields deliberately outside the event hash (bound by the receipt or transport only). */
    enum UnhashedField {
        FORMAT_VERSION(e -> b(e).setFormatVersion(e.getFormatVersion() + 1)),
        KEYED(e -> b(e).setKeyed(!e.getKeyed())),
        PROPOSAL_OFFSET(e -> b(e).setProposalOffset(e.getProposalOffset() ^ 1)),
        BATCH(e -> b(e).setBatch(new BatchMember(TestEvents.id16(9), 0, 1, List.of(e.getLane()), 1))),
        SIGNATURE(e -> b(e).setSignature(new ReceiptSignature(TestEvents.hash32(1), ByteBuffer.allocate(64)))),
        STORED_HASHES(e -> b(e).setEventHash(TestEvents.hash32(3)).setContentHash(TestEvents.hash32(4)));

        final UnaryOperator<JournalEvent> mutate;

        UnhashedField(java.util.function.Function<JournalEvent, JournalEvent.Builder> change) {
            this.mutate = e -> change.apply(e).build();
        }
    }

    @Provide
    Arbitrary<JournalEvent> events() {
        return TestEvents.events();
    }

    @Test
    void goldenEventHashIsPinned() {
        JournalEvent golden = TestEvents.golden();
        // If this fails the canonical layout changed: every stored chain stops verifying.
        // Bump the domain tag version instead, and update docs/hashing.md.
        assertEquals(GOLDEN_CONTENT_HASH, HEX.formatHex(golden.getContentHash().bytes()),
                "PROPERTY: content hash of the golden event is pinned");
        assertEquals(GOLDEN_HEADER, HEX.formatHex(EventHashing.canonicalHeaderBytes(golden)),
                "PROPERTY: canonical header bytes of the golden event are pinned (docs/hashing.md)");
        assertEquals(GOLDEN_EVENT_HASH, HEX.formatHex(golden.getEventHash().bytes()),
                "PROPERTY: event hash of the golden event is pinned (docs/hashing.md)");
    }

    static final String GOLDEN_CONTENT_HASH = "4f3354ca14c5164284696544847e67f0d160ad0b3bc6cc4778603ae4562eade7";
    static final String GOLDEN_HEADER = "000102030405060708090a0b0c0d0e0f" // eventId
            + "00000008" + "6f726465723a3432" // entity "order:42"
            + "00000004" + "73686f70" // scope "shop"
            + "00000003" // lane
            + "0000000000000001" // clock
            + "1001" // kind
            + "0001" // payloadVersion
            + "01" // encoding JSON
            + "00" + "00000000" // payloadSchemaId absent
            + "4f3354ca14c5164284696544847e67f0d160ad0b3bc6cc4778603ae4562eade7" // contentHash
            + "101112131415161718191a1b1c1d1e1f" // correlationId
            + "00000001" + "202122232425262728292a2b2c2d2e2f" // causes
            + "00000000" // flags
            + "00000001" + "0000000a" + "6170702e74656e616e74" + "00000002" + "7431" // extensions
            + "018bcfe568000002" // hlc
            + "0000000000000009"; // payload length
    static final String GOLDEN_EVENT_HASH = "ecdedaf2efb5dedf291931e18d466cb7d1b7a957f9260357d72d31fafb2d5e4e";

    @Property
    void equalInputsGiveEqualHashes(@ForAll("events") JournalEvent e) {
        JournalEvent copy = JournalEvent.newBuilder(e).build();
        assertArrayEquals(EventHashing.eventHash(e), EventHashing.eventHash(copy), "PROPERTY: hashing is deterministic");
        assertArrayEquals(EventHashing.eventHash(e), e.getEventHash().bytes(), "PROPERTY: seal stores eventHash(event)");
        assertTrue(EventHashing.verify(e), "PROPERTY: a sealed event verifies");
    }

    @Property
    void changingAnyHashedFieldChangesTheEventHash(@ForAll("events") JournalEvent e, @ForAll HashedField field) {
        JournalEvent changed = field.mutate.apply(e);
        assertFalse(java.util.Arrays.equals(EventHashing.eventHash(e), EventHashing.eventHash(changed)),
                "PROPERTY: changing " + field + " changes the event hash");
        assertFalse(EventHashing.verify(changed), "PROPERTY: an event with a changed " + field + " no longer verifies");
    }

    @Property
    void unhashedFieldsDoNotMoveTheEventHash(@ForAll("events") JournalEvent e, @ForAll UnhashedField field) {
        assertArrayEquals(EventHashing.eventHash(e), EventHashing.eventHash(field.mutate.apply(e)),
                "PROPERTY: " + field + " is outside the event hash");
    }

    @Property
    void movingABoundaryBetweenEntityAndScopeChangesTheHash(
            @ForAll("events") JournalEvent e, @ForAll @StringLength(min = 3, max = 20) String joined,
            @ForAll @IntRange(min = 0, max = 100) int cut) {
        int split = 1 + cut % (joined.length() - 2);
        JournalEvent left = b(e).setEntity(joined.substring(0, split)).setScope(joined.substring(split)).build();
        JournalEvent right = b(e).setEntity(joined.substring(0, split + 1)).setScope(joined.substring(split + 1)).build();
        assertFalse(java.util.Arrays.equals(EventHashing.eventHash(left), EventHashing.eventHash(right)),
                "PROPERTY: moving a character from scope to entity changes the hash (" + left.getEntity() + "|"
                        + left.getScope() + " vs " + right.getEntity() + "|" + right.getScope() + ")");
    }

    @Test
    void entityScopeSplitIsUnambiguous() {
        JournalEvent g = TestEvents.golden();
        JournalEvent a = b(g).setEntity("ab").setScope("c").build();
        JournalEvent c = b(g).setEntity("a").setScope("bc").build();
        assertFalse(java.util.Arrays.equals(EventHashing.eventHash(a), EventHashing.eventHash(c)));
    }

    @Test
    void identicalPayloadsInOneStreamHashDifferently() {
        // batpak's payload-only hash collides here; the header-bound hash does not.
        JournalEvent first = TestEvents.golden();
        JournalEvent second = EventHashing.seal(b(first).setClock(2).setEventId(TestEvents.id16(0x50))
                .setPrevHash(first.getEventHash()).build());
        assertArrayEquals(first.getContentHash().bytes(), second.getContentHash().bytes());
        assertFalse(java.util.Arrays.equals(first.getEventHash().bytes(), second.getEventHash().bytes()));
    }

    @Property
    void extensionOrderDoesNotMatterButCauseOrderDoes(@ForAll("events") JournalEvent e) {
        List<Extension> reversed = new ArrayList<>(e.getExtensions());
        Collections.reverse(reversed);
        assertArrayEquals(EventHashing.eventHash(e), EventHashing.eventHash(b(e).setExtensions(reversed).build()),
                "PROPERTY: extensions are hashed sorted by key, whatever their stored order");
        List<Id16> causes = new ArrayList<>(e.getCauses());
        if (causes.size() >= 2 && !causes.get(0).equals(causes.get(causes.size() - 1))) {
            Collections.reverse(causes);
            assertFalse(java.util.Arrays.equals(EventHashing.eventHash(e), EventHashing.eventHash(b(e).setCauses(causes).build())),
                    "PROPERTY: causes are hashed in their stored order");
        }
    }

    @Property
    void payloadBufferPositionAndBackingArrayDoNotMatter(@ForAll("events") JournalEvent e) {
        byte[] payload = bytes(e.getPayload());
        byte[] padded = new byte[payload.length + 5];
        System.arraycopy(payload, 0, padded, 3, payload.length);
        ByteBuffer sliced = ByteBuffer.wrap(padded, 3, payload.length);
        JournalEvent shifted = b(e).setPayload(sliced).build();
        assertArrayEquals(EventHashing.eventHash(e), EventHashing.eventHash(shifted));
        assertEquals(3, sliced.position(), "PROPERTY: hashing does not consume the payload buffer");
        assertArrayEquals(EventHashing.eventHash(e),
                EventHashing.eventHash(e.getPrevHash().bytes(), b(e).setPayload(ByteBuffer.allocate(0)).build(), ByteBuffer.wrap(payload)),
                "PROPERTY: eventHash(prev, header, payload) = eventHash(event)");
    }

    @Test
    void tamperedStoredHashesDoNotVerify() {
        JournalEvent g = TestEvents.golden();
        assertTrue(EventHashing.verify(g));
        assertFalse(EventHashing.verify(b(g).setEventHash(TestEvents.hash32(1)).build()));
        assertFalse(EventHashing.verify(b(g).setContentHash(TestEvents.hash32(1)).build()));
    }

    @Test
    void outOfRangeFieldsAreRefusedWithATypedError() {
        JournalEvent g = TestEvents.golden();
        assertEquals("EVENT_NOT_HASHABLE", assertThrows(EventHashException.class,
                () -> EventHashing.eventHash(b(g).setLane(-1).build())).code());
        assertThrows(EventHashException.class, () -> EventHashing.eventHash(b(g).setClock(-1).build()));
        assertThrows(EventHashException.class, () -> EventHashing.eventHash(b(g).setKind(0x1_0000).build()));
        assertThrows(EventHashException.class, () -> EventHashing.eventHash(b(g).setPayloadVersion(-1).build()));
        assertThrows(EventHashException.class, () -> EventHashing.eventHash(b(g).setPrevHash(new Hash32(new byte[3])).build()));
        EventHashException dup = assertThrows(EventHashException.class, () -> EventHashing.eventHash(b(g).setExtensions(List.of(
                new Extension("app.a", ByteBuffer.allocate(0)), new Extension("app.a", ByteBuffer.allocate(1)))).build()));
        assertTrue(dup.getMessage().contains("app.a"), dup.getMessage());
        assertThrows(EventHashException.class, () -> EventHashing.eventHash(new byte[31], g, ByteBuffer.allocate(0)));
        assertFalse(EventHashing.verify(b(g).setLane(-1).build()), "an unhashable event does not verify");
    }

    @Test
    void encodingCodesArePinned() {
        assertEquals(0, EventHashing.encodingCode(PayloadEncoding.RAW));
        assertEquals(1, EventHashing.encodingCode(PayloadEncoding.JSON));
        assertEquals(2, EventHashing.encodingCode(PayloadEncoding.AVRO));
        assertEquals(3, PayloadEncoding.values().length, "a new encoding needs a pinned code in EventHashing and docs/hashing.md");
    }

    @Test
    void genesisRule() {
        JournalEvent g = TestEvents.golden();
        assertTrue(EventHashing.isGenesisPrevHash(EventHashing.genesisPrevHash()));
        assertTrue(EventHashing.genesisRuleHolds(g), "clock 1 with a non-zero prev hash");
        assertTrue(EventHashing.genesisRuleHolds(b(g).setClock(0).setPrevHash(new Hash32(EventHashing.genesisPrevHash())).build()));
        assertFalse(EventHashing.genesisRuleHolds(b(g).setClock(0).build()), "clock 0 must have the zero prev hash");
        assertFalse(EventHashing.genesisRuleHolds(b(g).setPrevHash(new Hash32(new byte[32])).build()),
                "only clock 0 may have the zero prev hash");
    }

    static JournalEvent.Builder b(JournalEvent e) {
        return JournalEvent.newBuilder(e);
    }

    static Id16 flip(Id16 id) {
        byte[] bytes = id.bytes().clone();
        bytes[7] ^= 0x10;
        return new Id16(bytes);
    }

    static Hash32 flip(Hash32 hash) {
        byte[] bytes = hash.bytes().clone();
        bytes[31] ^= 0x01;
        return new Hash32(bytes);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] out = new byte[view.remaining()];
        view.get(out);
        return out;
    }
}
