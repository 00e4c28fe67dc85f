package dev.batpak.kafka.store;

import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.KafkaTestBroker;

/** The append contract on the in-JVM KRaft broker (always runs). */
class InJvmAppendContractTest extends AppendContract {

    @Override
    KafkaTestBroker broker() {
        return InJvmKafkaBroker.shared();
    }
}
