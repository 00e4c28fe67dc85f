package dev.batpak.kafka.sequencer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.store.StoreConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The sequencer's configuration: defaults, the properties file format, and refusals. */
class SequencerConfigTest {

    @Test
    void defaultsFollowTheStoreName() {
        SequencerConfig config = SequencerConfig.builder("localhost:9092", "orders").build();
        assertEquals("batpak-orders-sequencer", config.applicationId());
        assertEquals(Duration.ofMillis(20), config.commitInterval());
        assertEquals(Duration.ofMillis(10), config.frontierPublishInterval());
        assertEquals(1_000_000, config.idempotencyWindow());
        assertEquals(Optional.empty(), config.signingKeyFile());
        assertEquals(-1, config.replicationFactor());
    }

    @Test
    void readsEveryKeyFromProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "b1:9092,b2:9092");
        p.setProperty("batpak.store", "orders");
        p.setProperty("batpak.state.dir", "/var/lib/batpak");
        p.setProperty("batpak.commit.interval.ms", "50");
        p.setProperty("batpak.frontier.publish.ms", "25");
        p.setProperty("batpak.max.payload.bytes", "4096");
        p.setProperty("batpak.idempotency.window", "1000");
        p.setProperty("batpak.idempotency.max.keys", "5000");
        p.setProperty("batpak.batch.timeout.ms", "9000");
        p.setProperty("batpak.max.clock.skew.ms", "1500");
        p.setProperty("batpak.signing.key.file", "/etc/batpak/key.pem");
        p.setProperty("batpak.gates", "com.example.A, com.example.B");
        p.setProperty("batpak.replication.factor", "3");
        p.setProperty("streams.num.stream.threads", "4");
        p.setProperty("batpak.http.port", "8080");
        SequencerConfig config = SequencerConfig.fromProperties(p);
        assertEquals("b1:9092,b2:9092", config.bootstrapServers());
        assertEquals(Path.of("/var/lib/batpak"), config.stateDir());
        assertEquals(Duration.ofMillis(50), config.commitInterval());
        assertEquals(Duration.ofMillis(25), config.frontierPublishInterval());
        assertEquals(4096, config.maxPayloadBytes());
        assertEquals(1000, config.idempotencyWindow());
        assertEquals(5000, config.idempotencyMaxKeys());
        assertEquals(Duration.ofSeconds(9), config.batchTimeout());
        assertEquals(Duration.ofMillis(1500), config.maxClockSkew());
        assertEquals(Optional.of(Path.of("/etc/batpak/key.pem")), config.signingKeyFile());
        assertEquals(List.of("com.example.A", "com.example.B"), config.gateClassNames());
        assertEquals(3, config.replicationFactor());
        assertEquals(Map.of("num.stream.threads", "4"), config.streamsOverrides());

        Properties streams = SequencerApp.streamsProperties(config);
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("50", streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals("3", streams.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("4", streams.get("num.stream.threads"));
        assertEquals("batpak-orders-sequencer", streams.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Test
    void refusesWhatCannotWork() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "b:9092");
        assertThrows(StoreConfigException.class, () -> SequencerConfig.fromProperties(p), "store is required");
        p.setProperty("batpak.store", "bad/name");
        assertThrows(StoreConfigException.class, () -> SequencerConfig.fromProperties(p));
        p.setProperty("batpak.store", "ok");
        p.setProperty("batpak.commit.interval.ms", "soon");
        StoreConfigException e = assertThrows(StoreConfigException.class, () -> SequencerConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("batpak.commit.interval.ms"), e.getMessage());
        p.setProperty("batpak.commit.interval.ms", "20");
        p.setProperty("batpak.frontier.publish.ms", "0");
        assertThrows(StoreConfigException.class, () -> SequencerConfig.fromProperties(p));
        p.setProperty("batpak.frontier.publish.ms", "10");
        p.setProperty("batpak.replication.factor", "0");
        assertThrows(StoreConfigException.class, () -> SequencerConfig.fromProperties(p));
        p.remove("batpak.replication.factor");
        assertThrows(StoreConfigException.class, () -> SequencerConfig.builder("", "ok").build());
        SequencerConfig weak = SequencerConfig.builder("b:9092", "ok")
                .streamsOverride(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE).build();
        assertThrows(StoreConfigException.class, () -> SequencerApp.streamsProperties(weak),
                "the sequencer refuses to run without exactly-once");
    }
}
