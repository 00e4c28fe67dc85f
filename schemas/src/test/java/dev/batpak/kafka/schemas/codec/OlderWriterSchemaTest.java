package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * A codec given an older released writer schema reads values written with it into the current
 * class (Avro schema resolution), and refuses at construction an older schema it cannot read.
 */
class OlderWriterSchemaTest {

    /** The current Proposal schema without one field. */
    private static Schema proposalWithout(String fieldName) {
        Schema current = Proposal.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals(fieldName)) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static Proposal proposal() {
        return Proposal.newBuilder()
                .setEventId(new Id16(new byte[16]))
                .setEntity("order-1")
                .setScope("orders")
                .setKind(0x1001)
                .setEncoding(PayloadEncoding.RAW)
                .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(new byte[16]))
                .setFlags(7)
                .setHlc(42L)
                .build();
    }

    @Test
    void valuesOfAnOlderVersionDecodeWithTheCurrentDefaults() throws Exception {
        Schema older = proposalWithout("flags");
        Proposal current = proposal();
        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field f : older.getFields()) {
            old.put(f.name(), current.get(f.name()));
        }
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        MalformedRecordException unknown = assertThrows(MalformedRecordException.class, () -> Codecs.PROPOSAL.decode(bytes));
        assertEquals(MalformedRecordException.Reason.UNKNOWN_SCHEMA, unknown.reason());

        SingleObjectCodec<Proposal> codec = SingleObjectCodec.of(Proposal.class, List.of(older));
        Proposal decoded = codec.decode(bytes);
        current.setFlags(0);
        assertEquals(current, decoded, "the missing field takes its default");
        assertEquals(SchemaCatalog.PROPOSAL.fingerprint(), codec.fingerprint());
    }

    @Test
    void anOlderVersionTheCurrentSchemaCannotReadIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SingleObjectCodec.of(Proposal.class, List.of(proposalWithout("entity"))));
        assertTrue(e.getMessage().contains("entity"), e.getMessage());
    }
}
