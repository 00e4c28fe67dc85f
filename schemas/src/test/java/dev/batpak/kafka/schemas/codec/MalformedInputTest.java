package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.ContextEntry;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.MalformedRecordException.Reason;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each way bytes can be wrong gets its own typed reason and a message that says where. */
class MalformedInputTest {

    private static final long FRONTIER = SchemaCatalog.FRONTIER_POINT.fingerprint();
    private static final long DENIAL = SchemaCatalog.DENIAL_TRACE.fingerprint();
    private static final long PROPOSAL = SchemaCatalog.PROPOSAL.fingerprint();

    private static MalformedRecordException malformed(RecordCodec<?> codec, byte[] bytes, Reason reason) {
        MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> codec.decode(bytes));
        assertEquals(reason, e.reason(), e.getMessage());
        assertEquals("MALFORMED", e.code());
        return e;
    }

    /** A FrontierPoint body up to (not including) its stage. */
    private static AvroBytes frontierUpToStage() {
        return AvroBytes.singleObject(FRONTIER).string("store").varLong(3);
    }

    /** A Proposal body up to (not including) its keyed flag. */
    private static AvroBytes proposalUpToKeyed() {
        return AvroBytes.singleObject(PROPOSAL).varLong(1).zeros(16);
    }

    @Test
    void nullAndEmptyAreEmpty() {
        malformed(Codecs.PROPOSAL, null, Reason.EMPTY);
        malformed(Codecs.PROPOSAL, new byte[0], Reason.EMPTY);
    }

    @Test
    void shortInputOrWrongMarkerIsABadHeader() {
        malformed(Codecs.PROPOSAL, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3}, Reason.BAD_HEADER);
        // Confluent wire format: magic 0, 4-byte schema id, body
        MalformedRecordException e = malformed(Codecs.PROPOSAL, new byte[] {0, 0, 0, 0, 7, 2, 4, 6, 8, 10, 12}, Reason.BAD_HEADER);
        assertTrue(e.getMessage().contains("C3 01"), e.getMessage());
    }

    @Test
    void unknownFingerprintIsNamed() {
        malformed(Codecs.PROPOSAL, AvroBytes.singleObject(0x1234_5678_9abc_def0L).zeros(40).build(), Reason.UNKNOWN_SCHEMA);
    }

    @Test
    void anotherRecordsBytesSayWhichRecordTheyAre() {
        byte[] frontier = Codecs.FRONTIER_POINT.encode(frontierPoint());
        MalformedRecordException e = malformed(Codecs.JOURNAL_EVENT, frontier, Reason.UNKNOWN_SCHEMA);
        assertTrue(e.detail().contains("FrontierPoint v1"), e.detail());
        assertEquals("JournalEvent", e.schemaName());
    }

    @Test
    void headerAloneIsTruncated() {
        malformed(Codecs.FRONTIER_POINT, AvroBytes.singleObject(FRONTIER).build(), Reason.TRUNCATED);
    }

    @Test
    void hugeOrNegativeStringLengthsAreRefusedBeforeAllocating() {
        for (long length : new long[] {Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, 1L << 40, 6}) {
            byte[] bytes = AvroBytes.singleObject(FRONTIER).varLong(length).raw('a', 'b', 'c').build();
            MalformedRecordException e = malformed(Codecs.FRONTIER_POINT, bytes, Reason.BAD_LENGTH);
            assertTrue(e.detail().contains("FrontierPoint.store"), e.detail());
        }
        malformed(Codecs.FRONTIER_POINT, AvroBytes.singleObject(FRONTIER).varLong(-1).build(), Reason.BAD_LENGTH);
    }

    @Test
    void hugeBytesLengthIsRefused() {
        byte[] bytes = proposalUpToKeyed().raw(0).string("e").string("s").varLong(0).varLong(0).varLong(0).varLong(0)
                .varLong(Integer.MAX_VALUE - 8).zeros(10).build();
        MalformedRecordException e = malformed(Codecs.PROPOSAL, bytes, Reason.BAD_LENGTH);
        assertTrue(e.detail().contains("Proposal.payload"), e.detail());
    }

    @Test
    void hugeArrayCountsAreRefusedBeforeAllocating() {
        for (long count : new long[] {Integer.MAX_VALUE, Long.MAX_VALUE, 1L << 33, 5}) {
            byte[] bytes = AvroBytes.singleObject(DENIAL).string("").string("").varLong(count).zeros(8).build();
            MalformedRecordException e = malformed(Codecs.DENIAL_TRACE, bytes, Reason.BAD_LENGTH);
            assertTrue(e.detail().contains("DenialTrace.context[]"), e.detail());
        }
        // negative count = count with a byte size; both checked
        malformed(Codecs.DENIAL_TRACE, AvroBytes.singleObject(DENIAL).string("").string("")
                .varLong(-Integer.MAX_VALUE).varLong(2).zeros(8).build(), Reason.BAD_LENGTH);
        malformed(Codecs.DENIAL_TRACE, AvroBytes.singleObject(DENIAL).string("").string("")
                .varLong(-1).varLong(1L << 40).zeros(8).build(), Reason.BAD_LENGTH);
        malformed(Codecs.DENIAL_TRACE, AvroBytes.singleObject(DENIAL).string("").string("")
                .varLong(Long.MIN_VALUE).zeros(8).build(), Reason.BAD_LENGTH);
    }

    @Test
    void aBlockWhoseByteSizeLiesIsRefused() {
        // one ContextEntry ("k","v") is 4 bytes; the block claims 3
        byte[] bytes = AvroBytes.singleObject(DENIAL).string("c").string("m")
                .varLong(-1).varLong(3).string("k").string("v").varLong(0)
                .varLong(0).varLong(0).varLong(0).varLong(0).varLong(0).varLong(0).varLong(0).build();
        malformed(Codecs.DENIAL_TRACE, bytes, Reason.BAD_LENGTH);
    }

    @Test
    void blocksWithAByteSizeAreValidAvroAndDecode() {
        byte[] bytes = AvroBytes.singleObject(DENIAL).string("c").string("m")
                .varLong(-1).varLong(4).string("k").string("v").varLong(0)
                .varLong(0)        // evaluations: empty
                .varLong(0)        // pipelineId: null
                .varLong(0)        // proposedEventId: null
                .varLong(7)        // proposedKind
                .varLong(0)        // proposedContentHash: null
                .varLong(42)       // proposalOffset
                .varLong(0)        // recordHash: null
                .build();
        DenialTrace trace = Codecs.DENIAL_TRACE.decode(bytes);
        assertEquals(List.of(new ContextEntry("k", "v")), trace.getContext());
        assertEquals(42L, trace.getProposalOffset());
    }

    @Test
    void enumIndexOutOfRangeIsABadValue() {
        for (long index : new long[] {6, -1, Integer.MAX_VALUE}) {
            byte[] bytes = frontierUpToStage().varLong(index).varLong(0).varLong(0).string("").build();
            MalformedRecordException e = malformed(Codecs.FRONTIER_POINT, bytes, Reason.BAD_VALUE);
            assertTrue(e.detail().contains("FrontierPoint.stage"), e.detail());
        }
    }

    @Test
    void unionIndexOutOfRangeIsABadValue() {
        byte[] bytes = proposalUpToKeyed().raw(0).string("e").string("s").varLong(0).varLong(0).varLong(0)
                .varLong(2).zeros(60).build();
        MalformedRecordException e = malformed(Codecs.PROPOSAL, bytes, Reason.BAD_VALUE);
        assertTrue(e.detail().contains("Proposal.payloadSchemaId"), e.detail());
    }

    @Test
    void booleanOtherThanZeroOrOneIsABadValue() {
        byte[] bytes = proposalUpToKeyed().raw(2).zeros(60).build();
        malformed(Codecs.PROPOSAL, bytes, Reason.BAD_VALUE);
    }

    @Test
    void invalidUtf8IsABadValue() {
        int[][] invalid = {
            {0xC0, 0x80},             // overlong NUL
            {0xED, 0xA0, 0x80},       // a UTF-16 surrogate
            {0xF4, 0x90, 0x80, 0x80}, // above U+10FFFF
            {0xE2, 0x82},             // cut short
            {0x80},                   // lone continuation byte
            {0xFF},
        };
        for (int[] sequence : invalid) {
            byte[] bytes = AvroBytes.singleObject(FRONTIER).varLong(sequence.length).raw(sequence)
                    .varLong(3).varLong(0).varLong(0).varLong(0).string("").build();
            MalformedRecordException e = malformed(Codecs.FRONTIER_POINT, bytes, Reason.BAD_VALUE);
            assertTrue(e.detail().contains("UTF-8"), e.detail());
        }
    }

    @Test
    void overlongVarintsAreBadValues() {
        byte[] longTooLong = frontierUpToStage().varLong(0).raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)
                .build();
        malformed(Codecs.FRONTIER_POINT, longTooLong, Reason.BAD_VALUE);
        byte[] intOverflow = AvroBytes.singleObject(FRONTIER).string("s").raw(0xff, 0xff, 0xff, 0xff, 0x1f).build();
        malformed(Codecs.FRONTIER_POINT, intOverflow, Reason.BAD_VALUE);
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] valid = Codecs.FRONTIER_POINT.encode(frontierPoint());
        malformed(Codecs.FRONTIER_POINT, Arrays.copyOf(valid, valid.length + 1), Reason.TRAILING_BYTES);
    }

    @Test
    void theMessageSaysWhatToDo() {
        MalformedRecordException e = malformed(Codecs.JOURNAL_EVENT, new byte[] {1}, Reason.BAD_HEADER);
        assertTrue(e.getMessage().startsWith("malformed JournalEvent record (BAD_HEADER)"), e.getMessage());
        assertTrue(e.getMessage().contains("skip or dead-letter"), e.getMessage());
    }

    @Test
    void validBytesStillDecode() {
        FrontierPoint point = frontierPoint();
        assertEquals(point, Codecs.FRONTIER_POINT.decode(Codecs.FRONTIER_POINT.encode(point)));
        byte[] handMade = frontierUpToStage().varLong(3).varLong(100).varLong(1234).string("p").build();
        assertEquals(new FrontierPoint("store", 3, Stage.VISIBLE, 100L, 1234L, "p"), Codecs.FRONTIER_POINT.decode(handMade));
        assertEquals(JournalEvent.class, SchemaCatalog.JOURNAL_EVENT.type());
        assertEquals(Proposal.getClassSchema(), Codecs.PROPOSAL.schema());
    }

    private static FrontierPoint frontierPoint() {
        return new FrontierPoint("orders", 2, Stage.DURABLE, 17L, 1_700_000_000_000L, "sequencer-1");
    }
}
