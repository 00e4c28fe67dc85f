package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.reactor.ReactorConfig;
import dev.batpak.kafka.registry.Framing;
import dev.batpak.kafka.store.StoreConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projection and reactor configurations choose their record codecs as the sequencer does. */
class RegistryConfigurationTest {

    @Test
    void withoutRegistrySettingsRecordsAreSingleObjectEncoded() {
        ProjectionConfig projections = ProjectionConfig.builder("localhost:9092", "shop", "counters").build();
        ReactorConfig reactors = ReactorConfig.builder("localhost:9092", "shop", "shipping").build();
        assertFalse(projections.codecs().usesRegistry());
        assertFalse(reactors.codecs().usesRegistry());
        assertEquals(Framing.SINGLE_OBJECT, reactors.codecs().proposal().writes());
    }

    @Test
    void aRegistryUrlSwitchesToTheRegistryWireFormat() {
        Map<String, String> registry = Map.of("schema.registry.url", "mock://config-test",
                "value.subject.name.strategy", "TopicRecordNameStrategy");
        ProjectionConfig projections = ProjectionConfig.builder("localhost:9092", "shop", "counters")
                .registryProperties(registry).build();
        ReactorConfig reactors = ReactorConfig.builder("localhost:9092", "shop", "shipping")
                .registryProperty("schema.registry.url", "mock://config-test").build();
        assertEquals(registry, projections.registryProperties());
        assertTrue(projections.codecs().usesRegistry());
        assertEquals(Framing.CONFLUENT, projections.codecs().frontierPoint().writes());
        assertEquals(Framing.CONFLUENT, reactors.codecs().proposal().writes());
        assertEquals("shop.proposals-dev.batpak.kafka.schemas.Proposal",
                projections.codecs().proposal().subject().orElseThrow(), "the subject strategy is honoured");
    }

    @Test
    void onlyRegistrySettingsAreAccepted() {
        StoreConfigException projection = assertThrows(StoreConfigException.class, () -> ProjectionConfig
                .builder("localhost:9092", "shop", "counters").registryProperty("bootstrap.servers", "x").build());
        assertTrue(projection.getMessage().contains("bootstrap.servers"), projection.getMessage());
        assertThrows(StoreConfigException.class, () -> ReactorConfig.builder("localhost:9092", "shop", "shipping")
                .registryProperty("acks", "all").build());
    }
}
