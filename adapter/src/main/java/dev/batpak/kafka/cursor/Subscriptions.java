package dev.batpak.kafka.cursor;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.FramedRecordCodec;
import dev.batpak.kafka.registry.RecordCodecs;
import dev.batpak.kafka.registry.SchemaRegistryException;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.store.StoreTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A hub of lossy subscriptions: one read_committed reader of {@code <store>.journal}, started at
 * its end, pushing every visible event to each subscription whose region matches, through that
 * subscription's bounded queue. A full queue drops that subscriber (with notice) and never
 * blocks the others.
 *
 * <p>Journal records are decoded with {@link RecordCodecs} built from the Kafka properties given
 * to {@link #open(String, String, int, Map, Duration)}: with {@code schema.registry.url} among
 * them, registry-framed records are read. While the registry cannot be reached the reader
 * retries the record rather than skipping it.
 */
public final class Subscriptions implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final FramedRecordCodec<JournalEvent> journalCodec;
    private volatile boolean closed;

    private Subscriptions(String bootstrapServers, String store, int lanes, Map<String, Object> kafkaProperties,
            Duration timeout) {
        journalCodec = RecordCodecs.create(kafkaProperties, store).journalEvent();
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            partitions.add(new TopicPartition(StoreTopics.of(store).journal(), lane));
        }
        try {
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Resolves the end now, so every event made visible after open() is delivered.
            partitions.forEach(partition -> consumer.position(partition, timeout));
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw new CursorException(CursorException.UNAVAILABLE, "could not open subscriptions on store '" + store
                    + "' within " + timeout + ": " + e, e);
        }
        reader = new Thread(this::run, "batpak-subscriptions-" + store);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens a hub on {@code store}, delivering events made visible from now on.
     *
     * @throws CursorException ({@code CURSOR_UNAVAILABLE}) if Kafka does not answer in time
     */
    public static Subscriptions open(String bootstrapServers, String store, int lanes, Duration timeout) {
        return open(bootstrapServers, store, lanes, Map.of(), timeout);
    }

    /**
     * {@link #open(String, String, int, Duration)} with extra consumer properties, which may carry
     * the schema registry settings ({@code schema.registry.url}, ...) of a store whose journal is
     * registry-framed.
     *
     * @throws CursorException ({@code CURSOR_UNAVAILABLE}) if Kafka does not answer in time
     */
    public static Subscriptions open(String bootstrapServers, String store, int lanes,
            Map<String, Object> kafkaProperties, Duration timeout) {
        StoreTopics.validateStoreName(store);
        return new Subscriptions(bootstrapServers, store, lanes, kafkaProperties, timeout);
    }

    /**
     * A subscription to the events of {@code region}, with a queue of {@code capacity} events.
     *
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public Subscription subscribe(Region region, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a subscription's capacity is at least 1, got " + capacity);
        }
        Subscription[] holder = new Subscription[1];
        holder[0] = new Subscription(region, capacity, () -> subscribers.remove(holder[0]));
        subscribers.add(holder[0]);
        return holder[0];
    }

    private void run() {
        try {
            while (!closed) {
                Set<TopicPartition> stalled = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (stalled.contains(partition)) {
                        continue;
                    }
                    StoredEvent event;
                    try {
                        event = decode(record);
                    } catch (SchemaRegistryException e) {
                        // The registry is unreachable: read this lane again from here next poll, skip nothing.
                        stalled.add(partition);
                        consumer.seek(partition, record.offset());
                        continue;
                    }
                    if (event != null) {
                        for (Subscription subscription : subscribers) {
                            if (!subscription.offer(event)) {
                                subscribers.remove(subscription);
                            }
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // close() woke the reader up: stop.
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private StoredEvent decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return JournalMapping.toStoredEvent(journalCodec.decode(record.value()), record.offset());
        } catch (MalformedRecordException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Stops the reader; subscriptions receive nothing more. */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
