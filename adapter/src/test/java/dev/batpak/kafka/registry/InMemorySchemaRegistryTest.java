package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory registry keeps the Confluent registry's rules, so tests against it mean something. */
class InMemorySchemaRegistryTest {

    @Test
    void oneIdPerSchemaAcrossSubjectsAndVersionsPerSubject() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
        registry.setCompatibility("b", CompatibilityLevel.NONE);

        int placed = registry.register("a", OrderPlaced.SCHEMA$);
        int again = registry.register("a", OrderPlaced.SCHEMA$);
        int elsewhere = registry.register("b", OrderPlaced.SCHEMA$);
        int shipped = registry.register("b", OrderShipped.SCHEMA$);

        assertEquals(placed, again);
        assertEquals(placed, elsewhere);
        assertNotEquals(placed, shipped);
        assertEquals(List.of(1, 2), registry.versions("b"));
        assertEquals(new RegisteredSchema("b", shipped, 2, OrderShipped.SCHEMA$), registry.latest("b"));
        assertEquals(new RegisteredSchema("b", placed, 1, OrderPlaced.SCHEMA$), registry.lookup("b", OrderPlaced.SCHEMA$));
        assertEquals(OrderShipped.SCHEMA$, registry.schemaById(shipped));
    }

    @Test
    void backwardIsTheDefaultAndRefusesAFieldWithoutDefault() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
        registry.register("orders", OrderSchemas.V2);

        assertEquals(CompatibilityLevel.BACKWARD, registry.compatibility("orders"));
        assertFalse(registry.testCompatibility("orders", OrderPlaced.SCHEMA$).compatible());
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> registry.register("orders", OrderPlaced.SCHEMA$));
        assertEquals(SchemaRegistryException.Reason.INCOMPATIBLE, refused.reason());

        registry.setCompatibility("orders", CompatibilityLevel.NONE);
        assertTrue(registry.testCompatibility("orders", OrderPlaced.SCHEMA$).compatible());
    }

    @Test
    void notFoundCarriesTheConfluentErrorCodes() {
        InMemorySchemaRegistry registry = InMemorySchemaRegistry.create();
        registry.register("s", OrderShipped.SCHEMA$);

        assertEquals(SchemaRegistryException.SUBJECT_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.latest("nope")).errorCode());
        assertEquals(SchemaRegistryException.VERSION_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.version("s", 9)).errorCode());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.schemaById(99)).errorCode());
        assertEquals(SchemaRegistryException.SCHEMA_NOT_FOUND,
                assertThrows(SchemaRegistryException.class, () -> registry.lookup("s", OrderPlaced.SCHEMA$)).errorCode());
    }

    @Test
    void mockUrlsShareOneRegistryPerScope() {
        SchemaRegistry first = SchemaRegistry.create(RegistryConfig.of("mock://shared-scope-test"));
        SchemaRegistry second = SchemaRegistry.fromConfig(Map.of(RegistryConfig.URL, "mock://shared-scope-test")).orElseThrow();
        try {
            assertSame(first, second);
        } finally {
            InMemorySchemaRegistry.dropScope("shared-scope-test");
        }
    }
}
