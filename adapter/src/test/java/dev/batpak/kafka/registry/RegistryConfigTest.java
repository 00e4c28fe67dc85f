package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Reading the Confluent configuration keys, and the subject name strategies. */
class RegistryConfigTest {

    @Test
    void noUrlMeansNoRegistry() {
        assertEquals(Optional.empty(), RegistryConfig.fromMapIfConfigured(Map.of("bootstrap.servers", "x:1")));
        assertEquals(Optional.empty(), RegistryConfig.fromMapIfConfigured(Map.of(RegistryConfig.URL, " ")));
    }

    @Test
    void defaultsMatchConfluents() {
        RegistryConfig config = RegistryConfig.of("http://registry:8081/");

        assertEquals(List.of(URI.create("http://registry:8081")), config.urls());
        assertTrue(config.autoRegister());
        assertEquals(SubjectNameStrategy.TOPIC_NAME, config.valueSubjectStrategy());
        assertEquals(SubjectNameStrategy.TOPIC_NAME, config.keySubjectStrategy());
        assertEquals(Optional.empty(), config.userInfo());
        assertEquals(Optional.empty(), config.tls());
        assertEquals(RegistryConfig.DEFAULT_RETRIES, config.maxRetries());
    }

    @Test
    void everyKeyIsRead() {
        RegistryConfig config = RegistryConfig.fromMap(Map.of(
                RegistryConfig.URL, "http://a:1/apis/ccompat/v7, http://b:2/apis/ccompat/v7",
                RegistryConfig.BASIC_AUTH_USER_INFO, "u:p",
                RegistryConfig.AUTO_REGISTER, false,
                RegistryConfig.VALUE_SUBJECT_NAME_STRATEGY, "io.confluent.kafka.serializers.subject.RecordNameStrategy",
                RegistryConfig.KEY_SUBJECT_NAME_STRATEGY, "TopicRecordName",
                RegistryConfig.REQUEST_TIMEOUT_MS, "2500",
                RegistryConfig.RETRIES, 5,
                RegistryConfig.RETRY_BACKOFF_MS, "20",
                RegistryConfig.CACHE_CAPACITY, "10"));

        assertEquals(List.of(URI.create("http://a:1/apis/ccompat/v7"), URI.create("http://b:2/apis/ccompat/v7")),
                config.urls());
        assertEquals(Optional.of("u:p"), config.userInfo());
        assertFalse(config.autoRegister());
        assertEquals(SubjectNameStrategy.RECORD_NAME, config.valueSubjectStrategy());
        assertEquals(SubjectNameStrategy.TOPIC_RECORD_NAME, config.keySubjectStrategy());
        assertEquals(Duration.ofMillis(2500), config.requestTimeout());
        assertEquals(5, config.maxRetries());
        assertEquals(Duration.ofMillis(20), config.retryBackoff());
        assertEquals(10, config.cacheCapacity());
        assertFalse(config.toString().contains("u:p"));
    }

    @Test
    void malformedValuesNameTheirKey() {
        assertKeyNamed(RegistryConfig.URL, Map.of(RegistryConfig.URL, "ftp://x"));
        assertKeyNamed(RegistryConfig.URL, Map.of(RegistryConfig.URL, "not a url"));
        assertKeyNamed(RegistryConfig.AUTO_REGISTER, Map.of(RegistryConfig.URL, "http://x", RegistryConfig.AUTO_REGISTER,
                "yes"));
        assertKeyNamed(RegistryConfig.RETRIES, Map.of(RegistryConfig.URL, "http://x", RegistryConfig.RETRIES, "many"));
        assertKeyNamed(RegistryConfig.BASIC_AUTH_USER_INFO, Map.of(RegistryConfig.URL, "http://x",
                RegistryConfig.BASIC_AUTH_USER_INFO, "nocolon"));
        assertKeyNamed(RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, Map.of(RegistryConfig.URL, "http://x",
                RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT"));
        assertKeyNamed("TopicNameStrategy", Map.of(RegistryConfig.URL, "http://x",
                RegistryConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.MyStrategy"));
    }

    private static void assertKeyNamed(String expected, Map<String, ?> config) {
        SchemaRegistryException error = assertThrows(SchemaRegistryException.class, () -> RegistryConfig.fromMap(config));
        assertEquals(SchemaRegistryException.Reason.INVALID_CONFIG, error.reason());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void subjectStrategiesNameSubjectsAsConfluentDoes() {
        Schema record = OrderPlaced.SCHEMA$;

        assertEquals("orders-value", SubjectNameStrategy.TOPIC_NAME.subject("orders", false, record));
        assertEquals("orders-key", SubjectNameStrategy.TOPIC_NAME.subject("orders", true, record));
        assertEquals("dev.batpak.kafka.registry.OrderPlaced", SubjectNameStrategy.RECORD_NAME.subject("orders", false, record));
        assertEquals("orders-dev.batpak.kafka.registry.OrderPlaced",
                SubjectNameStrategy.TOPIC_RECORD_NAME.subject("orders", false, record));
        assertEquals("dev.batpak.kafka.registry.OrderPlaced",
                SubjectNameStrategy.TOPIC_NAME.embeddedSubject("shop.journal", record));
        assertEquals("shop.journal-dev.batpak.kafka.registry.OrderPlaced",
                SubjectNameStrategy.TOPIC_RECORD_NAME.embeddedSubject("shop.journal", record));
        assertThrows(SchemaRegistryException.class,
                () -> SubjectNameStrategy.RECORD_NAME.subject("t", false, Schema.create(Schema.Type.STRING)));
    }

    @Test
    void strategiesParseFromEveryCommonSpelling() {
        for (SubjectNameStrategy strategy : SubjectNameStrategy.values()) {
            assertEquals(strategy, SubjectNameStrategy.parse(strategy.name()));
            assertEquals(strategy, SubjectNameStrategy.parse(strategy.confluentClassName()));
            String simple = strategy.confluentClassName().substring(strategy.confluentClassName().lastIndexOf('.') + 1);
            assertEquals(strategy, SubjectNameStrategy.parse(simple));
            assertEquals(strategy, SubjectNameStrategy.parse(simple.replace("Strategy", "").toLowerCase()));
        }
    }
}
