package dev.batpak.kafka.testkit;

import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker in a Docker container (apache/kafka), one per test JVM, for the Testcontainers
 * variants of the contract suites. Classes that use it carry
 * {@code @Testcontainers(disabledWithoutDocker = true)} so they are skipped cleanly where no
 * Docker engine runs.
 */
public final class TestcontainersKafkaBroker implements KafkaTestBroker {

    /** The broker image the Testcontainers variants run. */
    public static final String IMAGE = "apache/kafka:4.1.1";

    private static final AtomicReference<TestcontainersKafkaBroker> SHARED = new AtomicReference<>();

    private final KafkaContainer container;

    private TestcontainersKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    /** True when a Docker engine answers. */
    public static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** The container broker of this JVM, started on the first call. */
    public static synchronized TestcontainersKafkaBroker shared() {
        TestcontainersKafkaBroker broker = SHARED.get();
        if (broker == null) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            broker = new TestcontainersKafkaBroker(container);
            SHARED.set(broker);
        }
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String name() {
        return "testcontainers";
    }
}
