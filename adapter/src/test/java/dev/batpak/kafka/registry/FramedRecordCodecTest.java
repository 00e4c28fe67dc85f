package dev.batpak.kafka.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException.Reason;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.testing.SampleRecords;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** One codec writes one framing and reads both; decoding stays total. */
class FramedRecordCodecTest {

    private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
    private final FramedRecordCodec<Proposal> withRegistry = FramedRecordCodec.registry(Proposal.class, Codecs.PROPOSAL,
            registry, "shop.proposals-value", true);
    private final FramedRecordCodec<Proposal> withoutRegistry = FramedRecordCodec.singleObject(Proposal.class,
            Codecs.PROPOSAL);

    @Test
    void theRegistryCodecWritesTheWireFormatAndReadsBothFramings() {
        Proposal proposal = SampleRecords.proposal("order-1");

        byte[] framed = withRegistry.encode(proposal);
        byte[] singleObject = withoutRegistry.encode(proposal);

        assertEquals(Framing.CONFLUENT, Framing.detect(framed));
        assertEquals(Framing.SINGLE_OBJECT, Framing.detect(singleObject));
        assertEquals(withRegistry.schemaId(), ConfluentWireFormat.schemaId(framed));
        assertEquals(proposal, withRegistry.decode(framed));
        assertEquals(proposal, withRegistry.decode(singleObject));
        assertEquals(proposal, withoutRegistry.decode(singleObject));
    }

    @Test
    void withoutARegistryTheWireFormatIsRefusedWithAdvice() {
        byte[] framed = withRegistry.encode(SampleRecords.proposal("order-2"));

        MalformedRecordException refused = assertThrows(MalformedRecordException.class,
                () -> withoutRegistry.decode(framed));

        assertEquals(Reason.UNKNOWN_SCHEMA, refused.reason());
        assertTrue(refused.detail().contains("schema.registry.url"), refused.detail());
    }

    @Test
    void anUnknownSchemaIdIsMalformed() {
        MalformedRecordException refused = assertThrows(MalformedRecordException.class,
                () -> withRegistry.decode(ConfluentWireFormat.frame(4242, new byte[] {2, 4})));

        assertEquals(Reason.UNKNOWN_SCHEMA, refused.reason());
        assertTrue(refused.detail().contains("4242"), refused.detail());
    }

    @Test
    void theSchemaIdOfAnotherRecordIsMalformed() {
        int journalId = registry.register("shop.journal-value", JournalEvent.getClassSchema());
        byte[] journalBody = Arrays.copyOfRange(Codecs.JOURNAL_EVENT.encode(SampleRecords.journalEvent("e")), 10,
                Codecs.JOURNAL_EVENT.encode(SampleRecords.journalEvent("e")).length);

        MalformedRecordException refused = assertThrows(MalformedRecordException.class,
                () -> withRegistry.decode(ConfluentWireFormat.frame(journalId, journalBody)));

        assertEquals(Reason.UNKNOWN_SCHEMA, refused.reason());
        assertTrue(refused.detail().contains("JournalEvent"), refused.detail());
    }

    @Test
    void anOlderOrNewerCompatibleWriterSchemaIsResolvedToTheCurrentOne() throws IOException {
        Schema extended = withExtraOptionalField(Proposal.getClassSchema());
        registry.setCompatibility("other", CompatibilityLevel.NONE);
        int id = registry.register("other", extended);
        Proposal proposal = SampleRecords.proposal("order-3");
        byte[] currentBody = Arrays.copyOfRange(Codecs.PROPOSAL.encode(proposal), 10, Codecs.PROPOSAL.encode(proposal).length);
        byte[] extendedBody = Arrays.copyOf(currentBody, currentBody.length + 1);
        extendedBody[currentBody.length] = 0; // the extra field: union branch 0, null

        assertEquals(proposal, withRegistry.decode(ConfluentWireFormat.frame(id, extendedBody)));
    }

    @Test
    void aWriterSchemaTheCurrentOneCannotReadIsIncompatible() throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Proposal.getClassSchema().toString());
        for (var field : json.withArray("fields")) {
            if (field.get("name").asText().equals("entity")) {
                ((ObjectNode) field).put("type", "long");
            }
        }
        int id = registry.register("broken", new Schema.Parser().parse(json.toString()));

        MalformedRecordException refused = assertThrows(MalformedRecordException.class,
                () -> withRegistry.decode(ConfluentWireFormat.frame(id, new byte[] {0})));

        assertEquals(Reason.INCOMPATIBLE, refused.reason());
    }

    @Test
    void otherFirstBytesAreABadHeader() {
        MalformedRecordException refused = assertThrows(MalformedRecordException.class,
                () -> withRegistry.decode(new byte[] {'{', '"', 'a', '"', '}'}));

        assertEquals(Reason.BAD_HEADER, refused.reason());
        assertEquals(Reason.EMPTY, assertThrows(MalformedRecordException.class, () -> withRegistry.decode(null)).reason());
    }

    @Test
    void anUnreachableRegistryIsNotMistakenForABadRecord() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        SchemaRegistry down = SchemaRegistry.create(RegistryConfig.fromMap(Map.of(RegistryConfig.URL,
                "http://127.0.0.1:" + port, RegistryConfig.RETRIES, "0")));
        FramedRecordCodec<Proposal> codec = FramedRecordCodec.registry(Proposal.class, Codecs.PROPOSAL, down, "s", true);

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> codec.decode(ConfluentWireFormat.frame(1, new byte[] {2})));

        assertEquals(SchemaRegistryException.Reason.UNREACHABLE, error.reason());
    }

    @Test
    void anUnknownIdIsAskedForOnceThenRemembered() {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.http()
                .answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")) {
            SchemaRegistry client = SchemaRegistry.create(RegistryConfig.of(server.url()));
            FramedRecordCodec<Proposal> codec = FramedRecordCodec.registry(Proposal.class, Codecs.PROPOSAL, client, "s",
                    true);
            byte[] garbage = ConfluentWireFormat.frame(31337, new byte[] {1, 2, 3});

            assertThrows(MalformedRecordException.class, () -> codec.decode(garbage));
            assertThrows(MalformedRecordException.class, () -> codec.decode(garbage));

            assertEquals(1, server.requests().size());
        }
    }

    @Property(tries = 300)
    void decodingAnyBytesUnderAKnownIdGivesARecordOrMalformed(@ForAll @Size(max = 200) byte[] body) {
        int id = withRegistry.schemaId();
        try {
            withRegistry.decode(ConfluentWireFormat.frame(id, body));
        } catch (MalformedRecordException expected) {
            // the only failure decoding may report
        }
    }

    @Property(tries = 300)
    void decodingAnyBytesAtAllGivesARecordOrMalformed(@ForAll @Size(max = 64) byte[] bytes,
            @ForAll @IntRange(min = 0, max = 2) int prefix) {
        byte[] input = switch (prefix) {
            case 0 -> bytes;
            case 1 -> ByteBuffer.allocate(bytes.length + 1).put((byte) 0).put(bytes).array();
            default -> ByteBuffer.allocate(bytes.length + 2).put((byte) 0xC3).put((byte) 1).put(bytes).array();
        };
        try {
            withRegistry.decode(input);
        } catch (MalformedRecordException expected) {
            // the only failure decoding may report
        }
    }

    private static Schema withExtraOptionalField(Schema schema) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(schema.toString());
        ArrayNode fields = json.withArray("fields");
        ObjectNode extra = fields.addObject();
        extra.put("name", "extra");
        extra.set("type", mapper.readTree("[\"null\", \"string\"]"));
        extra.putNull("default");
        return new Schema.Parser().parse(json.toString());
    }
}
