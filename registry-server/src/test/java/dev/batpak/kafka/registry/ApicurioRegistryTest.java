package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.registry.SchemaRegistryException.Reason;
import dev.batpak.kafka.registryserver.RegistryServer;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real registry (Apicurio 2.4.2's Confluent-compatible API), started for this run. */
class ApicurioRegistryTest {

    private static RegistryServer server;
    private static SchemaRegistry registry;

    private final String subject = "it-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        server = RegistryServer.shared();
        registry = SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl()));
        System.out.println("registry server " + server + " answered after " + server.startupTime().toMillis() + " ms");
    }

    @Test
    void registerThenFetchByIdLatestAndLookup() {
        int id = registry.register(subject, Avro.ORDER_PLACED);

        assertEquals(Avro.ORDER_PLACED, SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl())).schemaById(id));
        RegisteredSchema latest = registry.latest(subject);
        assertEquals(new RegisteredSchema(subject, id, 1, Avro.ORDER_PLACED), latest);
        assertEquals(latest, registry.version(subject, 1));
        assertEquals(id, registry.lookup(subject, Avro.ORDER_PLACED).id());
        assertEquals(List.of(1), registry.versions(subject));
        assertTrue(registry.subjects().contains(subject));
    }

    @Test
    void theSameSchemaKeepsItsIdAcrossRegistrationsAndSubjects() {
        Schema unique = Avro.withField(Avro.ORDER_SHIPPED, "f" + UUID.randomUUID().toString().replace("-", ""), true);
        SchemaRegistry fresh = SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl()));

        int first = fresh.register(subject, unique);
        int again = SchemaRegistry.create(RegistryConfig.of(server.ccompatUrl())).register(subject, unique);
        int elsewhere = fresh.register(subject + "-other", unique);

        assertEquals(first, again);
        assertEquals(first, elsewhere);
    }

    @Test
    void backwardCompatibilityRefusesABreakingChangeAndAcceptsACompatibleOne() {
        registry.register(subject, Avro.ORDER_PLACED);

        assertEquals(CompatibilityLevel.BACKWARD, registry.setCompatibility(subject, CompatibilityLevel.BACKWARD));
        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility(subject));

        Schema breaking = Avro.withField(Avro.ORDER_PLACED, "currency", false);
        assertFalse(registry.testCompatibility(subject, breaking).compatible());
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> registry.register(subject, breaking));
        assertEquals(Reason.INCOMPATIBLE, refused.reason());
        assertEquals(409, refused.httpStatus());
        assertTrue(refused.getMessage().contains(server.ccompatUrl()), refused.getMessage());
        assertFalse(refused.registryMessage().isBlank(), "the registry's own explanation is kept");

        Schema compatible = Avro.withField(Avro.ORDER_PLACED, "currency", true);
        assertTrue(registry.testCompatibility(subject, compatible).compatible());
        int id = registry.register(subject, compatible);
        assertEquals(new RegisteredSchema(subject, id, 2, compatible), registry.latest(subject));
    }

    @Test
    void aSubjectWithoutVersionsAcceptsAnything() {
        assertTrue(registry.testCompatibility(subject, Avro.ORDER_PLACED).compatible());
    }

    @Test
    void unknownIdsAndSubjectsAreTypedNotFound() {
        SchemaRegistryException unknownId = assertThrows(SchemaRegistryException.class,
                () -> registry.schemaById(Integer.MAX_VALUE));
        assertEquals(Reason.NOT_FOUND, unknownId.reason());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND, unknownId.errorCode());

        SchemaRegistryException unknownSubject = assertThrows(SchemaRegistryException.class,
                () -> registry.latest(subject));
        assertEquals(Reason.NOT_FOUND, unknownSubject.reason());

        assertEquals(Reason.NOT_FOUND, assertThrows(SchemaRegistryException.class,
                () -> registry.lookup(subject, Avro.ORDER_PLACED)).reason());
    }

    @Test
    void aWrongBasePathIsReportedAsSuch() {
        SchemaRegistry wrong = SchemaRegistry.create(RegistryConfig.of(server.url() + "/not/the/api"));

        SchemaRegistryException error = assertThrows(SchemaRegistryException.class, wrong::subjects);

        assertEquals(Reason.NOT_FOUND, error.reason());
        assertTrue(error.getMessage().contains("/apis/ccompat/v7"), error.getMessage());
    }

    @Test
    void differentSchemasGetDifferentIds() {
        assertNotEquals(registry.register(subject + "-a", Avro.ORDER_PLACED),
                registry.register(subject + "-b", Avro.ORDER_SHIPPED));
    }
}
