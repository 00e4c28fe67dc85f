package dev.batpak.kafka.contract;

import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.TestcontainersKafkaBroker;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The end-to-end contract on a broker in Docker (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersEventStoreContractTest extends EventStoreContract {

    @Override
    KafkaTestBroker broker() {
        return TestcontainersKafkaBroker.shared();
    }
}
