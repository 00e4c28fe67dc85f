package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.Proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.batpak.kafka.testing.SampleRecords;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * On a real broker, a consumer configured with {@link ProposalDeserializer} by class name reads
 * past garbage, wrong-type and empty values: it sees each as {@code Malformed} with its bytes, and
 * the good records after them as {@code Ok}, in order.
 */
class MalformedRecordsDoNotStopAConsumerTest {

    @Test
    void aConsumerSeesGarbageAsMalformedAndKeepsReading() throws Exception {
        String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        String topic = StoreNames.unique("codec") + ".proposals";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }

        Proposal first = SampleRecords.proposal("order-1");
        Proposal last = SampleRecords.proposal("order-2");
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        byte[] wrongType = new JournalEventSerializer().serialize(topic, SampleRecords.journalEvent("order-1"));
        // a Proposal whose entity declares 2^31 - 1 bytes: header, formatVersion, eventId, keyed, then the length
        byte[] hugeLength = java.util.Arrays.copyOf(new ProposalSerializer().serialize(topic, first), 33);
        byte[] tail = {2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        System.arraycopy(tail, 0, hugeLength, 10, tail.length);

        try (KafkaProducer<String, Proposal> typed = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProposalSerializer.class.getName()));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            typed.send(new ProducerRecord<>(topic, "order-1", first)).get();
            raw.send(new ProducerRecord<>(topic, "x", garbage)).get();
            raw.send(new ProducerRecord<>(topic, "x", wrongType)).get();
            raw.send(new ProducerRecord<>(topic, "x", new byte[0])).get();
            raw.send(new ProducerRecord<>(topic, "x", hugeLength)).get();
            raw.send(new ProducerRecord<>(topic, "x", (byte[]) null)).get();
            typed.send(new ProducerRecord<>(topic, "order-2", last)).get();
        }

        List<ConsumerRecord<String, Decoded<Proposal>>> seen = new ArrayList<>();
        try (KafkaConsumer<String, Decoded<Proposal>> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ProposalDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Conditions.await(Duration.ofSeconds(30), "all 7 records consumed", () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return seen.size() >= 7;
            });
        }

        assertEquals(7, seen.size());
        assertEquals(Decoded.ok(first), seen.get(0).value());
        assertArrayEquals(garbage, assertInstanceOf(Decoded.Malformed.class, seen.get(1).value()).raw());
        assertEquals("UNKNOWN_SCHEMA", assertInstanceOf(Decoded.Malformed.class, seen.get(2).value()).code());
        assertEquals("EMPTY", assertInstanceOf(Decoded.Malformed.class, seen.get(3).value()).code());
        assertEquals("BAD_LENGTH", assertInstanceOf(Decoded.Malformed.class, seen.get(4).value()).code(),
                "a declared length of 2^31 on a 33-byte value is refused before anything is allocated");
        assertNull(seen.get(5).value(), "a tombstone stays null");
        assertEquals(Decoded.ok(last), seen.get(6).value());
    }
}
