package dev.batpak.kafka.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The raw end-to-end reader: a read_committed consumer on every partition of a topic, positioned
 * at the end when created (as batpak's journal reader is), polling on its own thread and handing
 * each record's value and arrival time to a listener. The raw half of the visible scenarios.
 */
final class RawTail implements AutoCloseable {

    /** Receives every record read, on the reader's thread. */
    @FunctionalInterface
    interface Listener {
        /** A record with {@code value} arrived at {@code arrivedNanos} ({@link System#nanoTime()}). */
        void onRecord(byte[] value, long arrivedNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private long count;
    private long lastArrival;
    private volatile Throwable crashed;

    /** Positions a reader at the end of {@code topic}'s {@code partitions}; {@link #start()} starts it. */
    RawTail(String bootstrap, String topic, int partitions, Listener listener) {
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(Workload.consumerConfig(bootstrap, "bench-raw-tail-" + topic),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        consumer.assign(all);
        consumer.seekToEnd(all);
        // resolve the positions now: nothing produced after this constructor returns can be missed
        for (TopicPartition partition : all) {
            consumer.position(partition);
        }
        this.thread = new Thread(this::run, "bench-raw-tail-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts polling. */
    RawTail start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.nanoTime();
                    listener.onRecord(record.value(), now);
                    synchronized (this) {
                        count++;
                        lastArrival = now;
                    }
                }
                synchronized (this) {
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            // close() woke the reader up
        } catch (RuntimeException e) {
            crashed = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Waits until {@code records} records arrived; returns the arrival time of the last of them
     * ({@link System#nanoTime()}), or -1 on timeout.
     */
    synchronized long awaitCount(long records, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count < records) {
            if (crashed != null) {
                throw new IllegalStateException("the raw reader stopped: " + crashed, crashed);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return -1;
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        return lastArrival;
    }

    /** Records read so far. */
    synchronized long count() {
        return count;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
