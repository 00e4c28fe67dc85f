package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.schemas.CommitReceipt;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.specific.SpecificRecord;

/** PROPERTY: decode(encode(r)) equals r, and encoding is deterministic, for every record type. */
class RoundTripTest {

    @Property
    void proposalRoundTrips(@ForAll("proposals") Proposal record) {
        assertRoundTrip(Codecs.PROPOSAL, record);
    }

    @Property
    void journalEventRoundTrips(@ForAll("journalEvents") JournalEvent record) {
        assertRoundTrip(Codecs.JOURNAL_EVENT, record);
    }

    @Property
    void denialTraceRoundTrips(@ForAll("denialTraces") DenialTrace record) {
        assertRoundTrip(Codecs.DENIAL_TRACE, record);
    }

    @Property
    void commitReceiptRoundTrips(@ForAll("commitReceipts") CommitReceipt record) {
        assertRoundTrip(Codecs.COMMIT_RECEIPT, record);
    }

    @Property
    void frontierPointRoundTrips(@ForAll("frontierPoints") FrontierPoint record) {
        assertRoundTrip(Codecs.FRONTIER_POINT, record);
    }

    private static <T extends SpecificRecord> void assertRoundTrip(RecordCodec<T> codec, T record) {
        byte[] bytes = codec.encode(record);
        T decoded = codec.decode(bytes);
        assertEquals(record, decoded, "PROPERTY: decode(encode(r)) == r broke for " + codec.schema().getName());
        assertArrayEquals(bytes, codec.encode(decoded),
                "PROPERTY: encode(decode(b)) == b broke for " + codec.schema().getName()
                        + ": the encoding is not canonical for values it produced itself");
    }

    @Provide
    Arbitrary<Proposal> proposals() {
        return RecordArbitraries.proposals();
    }

    @Provide
    Arbitrary<JournalEvent> journalEvents() {
        return RecordArbitraries.journalEvents();
    }

    @Provide
    Arbitrary<DenialTrace> denialTraces() {
        return RecordArbitraries.denialTraces();
    }

    @Provide
    Arbitrary<CommitReceipt> commitReceipts() {
        return RecordArbitraries.commitReceipts();
    }

    @Provide
    Arbitrary<FrontierPoint> frontierPoints() {
        return RecordArbitraries.frontierPoints();
    }
}
