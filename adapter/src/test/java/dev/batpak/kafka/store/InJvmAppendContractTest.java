package dev.batpak.kafka.store;

import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.KafkaTestBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import org.junit.jupiter.api.extension.ExtendWith;

/** The append contract on the in-JVM KRaft broker (always runs). */
@ExtendWith(NoSilentSkips.class)
class InJvmAppendContractTest extends AppendContract {

    @Override
    KafkaTestBroker broker() {
        return InJvmKafkaBroker.shared();
    }
}
