package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.payload.EventTypeRegistry;
import dev.batpak.kafka.payload.PayloadDecodeException;
import dev.batpak.kafka.payload.Upcaster;
import dev.batpak.kafka.registryserver.RegistryServer;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Old payload versions through upcasters, with writer schemas from the real registry; both framings in one journal. */
class EvolutionWithRegistryTest {

    private static final EventKind BOOKED = EventKind.custom(2, 1);

    private static RegistryServer server;

    @BeforeAll
    static void start() {
        server = RegistryServer.shared();
    }

    @Test
    void aVersionOnePayloadIsUpcastWithItsWriterSchemaFetchedById() {
        String store = "evolve-" + UUID.randomUUID();
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl()), store);
        SchemaRegistry registry = codecs.registry().orElseThrow();
        String subject = codecs.payloadSubject(ShipmentBooked.SCHEMA$);
        int v1Id = registry.register(subject, ShipmentBooked.V1);
        Payload v1 = Payload.avro(Avro.binary(Avro.record(ShipmentBooked.V1, "shipmentId", "s-1", "weight", 2500)), v1Id);
        EventType<ShipmentBooked> current = codecs.eventType(ShipmentBooked.class, BOOKED, 2);
        EventTypeRegistry types = EventTypeRegistry.builder()
                .schemaRegistry(registry)
                .register(current, Upcaster.avro(1, old -> {
                    GenericRecord next = new GenericData.Record(ShipmentBooked.SCHEMA$);
                    next.put("shipmentId", old.get("shipmentId").toString());
                    next.put("weightKg", ((Integer) old.get("weight")) / 1000.0);
                    return next;
                }))
                .build();

        ShipmentBooked upcast = types.decode(current, BOOKED, 1, v1);

        assertEquals("s-1", upcast.shipmentId());
        assertEquals(2.5, upcast.weightKg());
        Payload v2 = current.codec().encode(new ShipmentBooked("s-2", 1.0));
        assertEquals(1.0, types.decode(current, BOOKED, 2, v2).weightKg());
        PayloadDecodeException future = assertThrows(PayloadDecodeException.class,
                () -> types.decode(current, BOOKED, 3, v2));
        assertEquals(PayloadDecodeException.Reason.FUTURE_VERSION, future.reason());
    }

    @Test
    void aJournalWithBothFramingsIsReadByOneCodec() {
        String store = "mixed-" + UUID.randomUUID();
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl()), store);
        JournalEvent before = sample("before-migration");
        JournalEvent after = sample("after-migration");

        List<byte[]> journal = List.of(Codecs.JOURNAL_EVENT.encode(before), codecs.journalEvent().encode(after));

        assertEquals(before, codecs.journalEvent().decode(journal.get(0)));
        assertEquals(after, codecs.journalEvent().decode(journal.get(1)));
        MalformedRecordException unreadable = assertThrows(MalformedRecordException.class,
                () -> RecordCodecs.singleObject(store).journalEvent().decode(journal.get(1)));
        assertEquals(MalformedRecordException.Reason.UNKNOWN_SCHEMA, unreadable.reason());
    }

    @Test
    void withoutAutoRegistrationTheSchemaMustBeRegisteredFirst() {
        String store = "strict-" + UUID.randomUUID();
        Map<String, Object> config = Map.of(RegistryConfig.URL, server.ccompatUrl(), RegistryConfig.AUTO_REGISTER, "false");

        SchemaRegistryException missing = assertThrows(SchemaRegistryException.class,
                () -> RecordCodecs.create(config, store).registerSchemas());
        assertEquals(SchemaRegistryException.Reason.NOT_FOUND, missing.reason());

        RecordCodecs.create(Map.of(RegistryConfig.URL, server.ccompatUrl()), store).registerSchemas();
        RecordCodecs strict = RecordCodecs.create(config, store);
        strict.registerSchemas();
        assertEquals(sample("x"), strict.journalEvent().decode(strict.journalEvent().encode(sample("x"))));
    }

    private static JournalEvent sample(String entity) {
        return JournalSamples.event(entity);
    }
}
