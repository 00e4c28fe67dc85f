package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.registryserver.RegistryServer;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A journal record written by batpak is readable by a consumer that knows nothing of batpak: it
 * asks the registry for the schema id in the first 5 bytes ({@code GET /schemas/ids/{id}}) and
 * decodes the rest with plain Avro; the typed payload inside names its own schema id the same way.
 */
class PlainAvroReaderTest {

    private static RegistryServer server;

    @BeforeAll
    static void start() {
        server = RegistryServer.shared();
    }

    @Test
    void aJournalEventIsReadWithNothingButTheRegistryAndAvro() throws Exception {
        String store = "plain-" + UUID.randomUUID();
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl()), store);
        EventType<ShipmentBooked> booked = codecs.eventType(ShipmentBooked.class, EventKind.custom(2, 1), 2);
        Payload payload = booked.codec().encode(new ShipmentBooked("s-42", 12.5));
        JournalEvent event = JournalEvent.newBuilder()
                .setEventId(new Id16(filled(16, 1)))
                .setEntity("shipment-42")
                .setScope("logistics")
                .setLane(0)
                .setClock(7L)
                .setKind(EventKind.custom(2, 1).raw())
                .setPayloadVersion(2)
                .setEncoding(PayloadEncoding.AVRO)
                .setPayloadSchemaId(payload.schemaId().getAsInt())
                .setPayload(ByteBuffer.wrap(payload.bytes()))
                .setContentHash(new Hash32(filled(32, 2)))
                .setCorrelationId(new Id16(filled(16, 3)))
                .setHlc(99L)
                .setPrevHash(new Hash32(filled(32, 0)))
                .setEventHash(new Hash32(filled(32, 4)))
                .setProposalOffset(11L)
                .build();

        byte[] value = codecs.journalEvent().encode(event);

        // A plain reader: the wire format by hand, the schema by REST, the body by Avro.
        assertEquals(0, value[0]);
        int id = ByteBuffer.wrap(value, 1, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        GenericRecord record = decode(fetchSchema(id), Arrays.copyOfRange(value, 5, value.length));
        assertEquals("dev.batpak.kafka.schemas.JournalEvent", record.getSchema().getFullName());
        assertEquals("shipment-42", record.get("entity").toString());
        assertEquals(7L, record.get("clock"));
        assertEquals(2, record.get("payloadVersion"));

        int payloadId = (Integer) record.get("payloadSchemaId");
        ByteBuffer payloadBytes = (ByteBuffer) record.get("payload");
        byte[] body = new byte[payloadBytes.remaining()];
        payloadBytes.get(body);
        GenericRecord shipment = decode(fetchSchema(payloadId), body);
        assertEquals("s-42", shipment.get("shipmentId").toString());
        assertEquals(12.5, shipment.get("weightKg"));
    }

    private static Schema fetchSchema(int id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.ccompatUrl() + "/schemas/ids/" + id)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode json = new ObjectMapper().readTree(response.body());
        return new Schema.Parser().parse(json.get("schema").asText());
    }

    private static GenericRecord decode(Schema schema, byte[] body) throws Exception {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, null);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
        assertEquals(true, decoder.isEnd(), "the body is exactly one record");
        return record;
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
