package dev.batpak.kafka.store;

import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.TestcontainersKafkaBroker;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The append contract on a broker in Docker (skipped where no Docker engine runs). */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersAppendContractTest extends AppendContract {

    @Override
    KafkaTestBroker broker() {
        return TestcontainersKafkaBroker.shared();
    }
}
