package dev.batpak.kafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InJvmKafkaBrokerTest {

    @Test
    void oneBrokerPerJvmServesProduceAndGroupConsume() throws Exception {
        InJvmKafkaBroker broker = InJvmKafkaBroker.shared();
        assertSame(broker, InJvmKafkaBroker.shared(), "PROPERTY: one broker per test JVM");
        String topic = StoreNames.unique("testkit") + ".t";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(Set.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", broker.bootstrapServers(),
                "group.id", StoreNames.unique("g"),
                "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            Conditions.await(Duration.ofSeconds(30), "one record consumed", () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(got::add);
                return !got.isEmpty();
            });
            assertEquals("v", got.get(0).value());
        }
    }
}
