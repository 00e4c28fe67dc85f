package dev.batpak.kafka.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.testkit.NoSilentSkips;
import org.junit.jupiter.api.Test;

/** The in-JVM run of every contract suite of this module runs every contract test. */
class ContractsRunInFullTest {

    @Test
    void theInJvmEventStoreContractDisablesNothing() {
        assertEquals(java.util.List.of(), NoSilentSkips.disabledTests(InJvmEventStoreContractTest.class));
        assertTrue(NoSilentSkips.testCount(InJvmEventStoreContractTest.class) >= 6, "the contract has its tests");
        assertEquals(NoSilentSkips.testCount(InJvmEventStoreContractTest.class),
                NoSilentSkips.testCount(TestcontainersEventStoreContractTest.class), "both brokers run one suite");
    }
}
