package dev.batpak.kafka.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.testkit.NoSilentSkips;
import org.junit.jupiter.api.Test;

/** The in-JVM run of every contract suite of this module runs every contract test. */
class ContractsRunInFullTest {

    @Test
    void theInJvmAppendContractDisablesNothing() {
        assertEquals(java.util.List.of(), NoSilentSkips.disabledTests(InJvmAppendContractTest.class));
        assertTrue(NoSilentSkips.testCount(InJvmAppendContractTest.class) >= 8, "the contract has its tests");
        assertEquals(NoSilentSkips.testCount(InJvmAppendContractTest.class),
                NoSilentSkips.testCount(TestcontainersAppendContractTest.class), "both brokers run one suite");
    }
}
