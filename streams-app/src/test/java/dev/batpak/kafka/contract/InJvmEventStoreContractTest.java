package dev.batpak.kafka.contract;

import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import org.junit.jupiter.api.extension.ExtendWith;

/** The end-to-end contract on the in-JVM KRaft broker (always runs). */
@ExtendWith(NoSilentSkips.class)
class InJvmEventStoreContractTest extends EventStoreContract {

    @Override
    KafkaTestBroker broker() {
        return InJvmKafkaBroker.shared();
    }
}
