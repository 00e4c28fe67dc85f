package dev.batpak.kafka.sequencer;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.Stage;
import dev.batpak.kafka.schemas.codec.Codecs;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One store on the shared in-JVM broker: its topics, a plain producer of proposals and
 * read_committed readers of the journal and the frontier.
 */
final class BrokerFixture implements AutoCloseable {

    final String bootstrap;
    final String store;
    final StoreTopics topics;
    final int lanes;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> journalReader;
    private final KafkaConsumer<byte[], byte[]> frontierReader;
    private final List<JournalEvent> journal = new ArrayList<>();
    private final Map<String, Long> frontier = new HashMap<>();

    BrokerFixture(String store, int lanes) {
        this.bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
        this.store = store;
        this.topics = StoreTopics.of(store);
        this.lanes = lanes;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics.create(admin, lanes, (short) 1, Duration.ofSeconds(30));
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"), new ByteArraySerializer(), new ByteArraySerializer());
        journalReader = reader();
        List<TopicPartition> journalPartitions = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            journalPartitions.add(new TopicPartition(topics.journal(), lane));
        }
        journalReader.assign(journalPartitions);
        journalReader.seekToBeginning(journalPartitions);
        frontierReader = reader();
        frontierReader.assign(List.of(new TopicPartition(topics.frontier(), 0)));
        frontierReader.seekToBeginning(List.of(new TopicPartition(topics.frontier(), 0)));
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** A sequencer configuration for this store with its state under {@code stateDir}. */
    SequencerConfig.Builder config(Path stateDir) {
        return SequencerConfig.builder(bootstrap, store).stateDir(stateDir);
    }

    /** Sends a proposal to the lane Kafka's default partitioner picks for its entity. */
    Future<RecordMetadata> send(Proposal proposal) {
        return producer.send(new ProducerRecord<>(topics.proposals(),
                proposal.getEntity().getBytes(StandardCharsets.UTF_8), TestProposals.encode(proposal)));
    }

    /** Sends raw bytes to a lane. */
    RecordMetadata sendRaw(int lane, byte[] value) throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(topics.proposals(), lane, null, value)).get();
    }

    void flush() {
        producer.flush();
    }

    /** Every journal record read so far, after one more poll. */
    List<JournalEvent> journal() {
        for (ConsumerRecord<byte[], byte[]> record : journalReader.poll(Duration.ofMillis(50))) {
            JournalEvent event = Codecs.JOURNAL_EVENT.decode(record.value());
            if (event.getLane() != record.partition()) {
                throw new AssertionError("PROPERTY: a journal record is in its lane's partition: lane "
                        + event.getLane() + " in partition " + record.partition());
            }
            journal.add(event);
        }
        return journal;
    }

    /** The latest frontier offset per {@code "<lane>/<STAGE>"} key, after one more poll. */
    Map<String, Long> frontier() {
        for (ConsumerRecord<byte[], byte[]> record : frontierReader.poll(Duration.ofMillis(50))) {
            FrontierPoint point = Codecs.FRONTIER_POINT.decode(record.value());
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (!key.equals(point.getLane() + "/" + point.getStage())) {
                throw new AssertionError("frontier key " + key + " does not match its point " + point);
            }
            Long previous = frontier.put(key, point.getOffset());
            if (previous != null && previous > point.getOffset()) {
                throw new AssertionError("PROPERTY: a frontier never goes back: " + key + " " + previous + " -> "
                        + point.getOffset());
            }
        }
        return frontier;
    }

    /** The published VISIBLE offset of a lane, -1 if none yet. */
    long visible(int lane) {
        return frontier().getOrDefault(lane + "/" + Stage.VISIBLE, -1L);
    }

    /** The end offset (next offset) of every proposals partition. */
    Map<Integer, Long> proposalEnds() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            partitions.add(new TopicPartition(topics.proposals(), lane));
        }
        Map<Integer, Long> ends = new HashMap<>();
        journalReader.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.partition(), end));
        return ends;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        journalReader.close();
        frontierReader.close();
    }
}
