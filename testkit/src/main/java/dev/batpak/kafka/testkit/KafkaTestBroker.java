package dev.batpak.kafka.testkit;

/**
 * A running Kafka broker a test talks to. Contract tests are written against this interface so
 * that one suite runs on the in-JVM broker (always) and on a Testcontainers broker (where Docker
 * runs).
 */
public interface KafkaTestBroker {

    /** The bootstrap address, {@code host:port[,host:port]}. */
    String bootstrapServers();

    /** A short name for reports, e.g. {@code in-jvm} or {@code testcontainers}. */
    String name();
}
