package dev.batpak.kafka.registry;

import dev.batpak.kafka.append.Payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.AvroCodec;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.SchemaCatalog;
import dev.batpak.kafka.testing.SampleRecords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The factory the store and the sequencer use: registry framing when a URL is configured. */
class RecordCodecsTest {

    private final String scope = "codecs-" + UUID.randomUUID();

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistry.dropScope(scope);
    }

    @Test
    void withoutAUrlRecordsUseSingleObjectEncoding() {
        RecordCodecs codecs = RecordCodecs.create(Map.of("bootstrap.servers", "x:1"), "shop");

        assertFalse(codecs.usesRegistry());
        assertEquals(Optional.empty(), codecs.registry());
        assertEquals(Framing.SINGLE_OBJECT, Framing.detect(codecs.proposal().encode(SampleRecords.proposal("a"))));
        assertInstanceOf(AvroCodec.class, codecs.payloadCodec(OrderPlaced.class));
        codecs.registerSchemas();
    }

    @Test
    void withAUrlRecordsUseTheWireFormatUnderTopicSubjects() {
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, "mock://" + scope), "shop");

        codecs.registerSchemas();

        assertTrue(codecs.usesRegistry());
        assertEquals(List.of("shop.proposals-value", "shop.journal-value", "dev.batpak.kafka.schemas.DenialTrace",
                "dev.batpak.kafka.schemas.CommitReceipt", "shop.frontier-value"),
                InMemorySchemaRegistry.scope(scope).subjects());
        byte[] bytes = codecs.journalEvent().encode(SampleRecords.journalEvent("a"));
        assertEquals(Framing.CONFLUENT, Framing.detect(bytes));
        assertEquals(codecs.journalEvent().schemaId(), ConfluentWireFormat.schemaId(bytes));
        assertEquals(SampleRecords.journalEvent("a"), codecs.journalEvent().decode(bytes));
    }

    @Test
    void topicRecordNamePrefixesEverySubjectWithItsTopic() {
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, "mock://" + scope,
                RegistryConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy"), "shop");

        assertEquals(Optional.of("shop.proposals-dev.batpak.kafka.schemas.Proposal"), codecs.proposal().subject());
        assertEquals(Optional.of("shop.journal-dev.batpak.kafka.schemas.DenialTrace"), codecs.denialTrace().subject());
        assertEquals("shop.journal-dev.batpak.kafka.registry.OrderPlaced",
                codecs.payloadSubject(OrderPlaced.SCHEMA$));
    }

    @Test
    void aJournalWrittenInEitherModeIsReadableByTheOther() {
        RecordCodecs registryMode = RecordCodecs.create(Map.of(RegistryConfig.URL, "mock://" + scope), "shop");
        RecordCodecs plainMode = RecordCodecs.singleObject("shop");
        Proposal proposal = SampleRecords.proposal("b");
        JournalEvent event = SampleRecords.journalEvent("b");

        assertEquals(proposal, registryMode.proposal().decode(plainMode.proposal().encode(proposal)));
        assertEquals(event, registryMode.forEntry(SchemaCatalog.JOURNAL_EVENT).decode(
                plainMode.journalEvent().encode(event)));
    }

    @Test
    void typedPayloadsCarryTheirSchemaIdUnderTheirOwnSubject() {
        RecordCodecs codecs = RecordCodecs.create(Map.of(RegistryConfig.URL, "mock://" + scope), "shop");
        EventType<OrderPlaced> placed = codecs.eventType(OrderPlaced.class, EventKind.custom(1, 1), 3);

        Payload payload = placed.codec().encode(new OrderPlaced("o-1", 500, "EUR"));

        int id = InMemorySchemaRegistry.scope(scope).latest("dev.batpak.kafka.registry.OrderPlaced").id();
        assertEquals(Optional.of(id), payload.schemaId().isPresent() ? Optional.of(payload.schemaId().getAsInt())
                : Optional.empty());
        assertEquals(Payload.Encoding.AVRO, payload.encoding());
        assertEquals("o-1", placed.codec().decode(payload).orderId());
    }
}
