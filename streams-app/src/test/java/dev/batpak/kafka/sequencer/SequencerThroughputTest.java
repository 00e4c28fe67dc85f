package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many proposals per second the sequencer's processing (decode, checks, seal, RocksDB
 * state) handles without a broker. Prints the figure; asserts only that every proposal was
 * sealed, because wall-clock speed on a shared build machine is not a test verdict.
 */
class SequencerThroughputTest {

    @TempDir
    Path stateDir;

    @Test
    void measuresProposalsPerSecondThroughTheDriver() {
        int count = 6_000;
        byte[][] encoded = new byte[count][];
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            String entity = "entity-" + (i % 100);
            encoded[i] = TestProposals.encode(proposal(entity, "payload number " + i + " of a typical size").build());
            keys[i] = entity.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            for (int i = 0; i < 1000; i++) {
                driver.sendRaw(keys[i], encoded[i]);
            }
            driver.journal();
            long started = System.nanoTime();
            for (int i = 1000; i < count; i++) {
                driver.sendRaw(keys[i], encoded[i]);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int measured = count - 1000;
            System.out.printf("sequencer through TopologyTestDriver: %d proposals in %.2f s = %.0f proposals/s%n",
                    measured, seconds, measured / seconds);
            assertEquals(measured, driver.journal().size());
        }
    }
}
