package dev.batpak.kafka.testkit;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-JVM KRaft broker (combined broker and controller) per test JVM, started on first use
 * and stopped when the JVM exits. Tests isolate themselves by store name (topic prefix), never
 * by restarting this broker; a test whose subject is a broker restart starts its own.
 *
 * <p>The settings are the ones a single-node cluster needs: replication factors of 1 for the
 * internal topics (the kit defaults to 3, which makes consumer groups hang) and no initial
 * rebalance delay.
 */
public final class InJvmKafkaBroker implements KafkaTestBroker {

    private static final AtomicReference<InJvmKafkaBroker> SHARED = new AtomicReference<>();

    static {
        // A broker that loses its log directory halts the JVM; in a test JVM that would turn a
        // passing run into a failed fork. Tests assert on behaviour, not on the process exiting.
        Exit.setHaltProcedure((code, message) -> System.err.println("in-JVM broker asked to halt (" + code + "): "
                + message));
    }

    private final KafkaClusterTestKit cluster;

    private InJvmKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** The broker of this JVM, started on the first call. */
    public static InJvmKafkaBroker shared() {
        InJvmKafkaBroker broker = SHARED.get();
        if (broker != null) {
            return broker;
        }
        synchronized (SHARED) {
            if (SHARED.get() == null) {
                SHARED.set(start());
            }
            return SHARED.get();
        }
    }

    /** Stops the shared broker, if one was started; later calls to {@link #shared()} start a new one. */
    public static void closeShared() {
        synchronized (SHARED) {
            InJvmKafkaBroker broker = SHARED.getAndSet(null);
            if (broker != null) {
                broker.closeQuietly();
            }
        }
    }

    /**
     * Starts a new, separate broker, for tests whose subject is a broker restart. The caller
     * closes it.
     */
    public static InJvmKafkaBroker start() {
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InJvmKafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker: " + e, e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String name() {
        return "in-jvm";
    }

    /** Stops this broker; used for brokers from {@link #start()}. */
    public void close() throws Exception {
        cluster.close();
    }

    private void closeQuietly() {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("in-JVM Kafka broker did not close cleanly: " + e);
        }
    }
}
