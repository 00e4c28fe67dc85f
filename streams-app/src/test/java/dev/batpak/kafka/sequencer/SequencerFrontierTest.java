package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.keyed;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.FrontierPoint;
import dev.batpak.kafka.schemas.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The frontier: per lane, the complete prefix of decided proposals, published only when it moves. */
class SequencerFrontierTest {

    @TempDir
    Path stateDir;

    @Test
    void publishesAcceptedAndVisibleOnThePunctuatorOnlyWhenChanged() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            driver.advance(Duration.ofMillis(50));
            assertEquals(List.of(), driver.frontier(), "nothing decided, nothing published");
            driver.send(proposal("f", "a").build());
            driver.send(proposal("f", "b").build());
            assertEquals(List.of(), driver.frontier(), "points are published by the punctuator, not per record");
            long before = driver.wallMillis();
            driver.advance(Duration.ofMillis(10));
            List<KeyValue<String, FrontierPoint>> points = driver.frontierRecords();
            assertEquals(List.of("0/ACCEPTED", "0/VISIBLE"), points.stream().map(kv -> kv.key).toList());
            for (KeyValue<String, FrontierPoint> kv : points) {
                FrontierPoint point = kv.value;
                assertEquals(SequencerDriver.STORE, point.getStore());
                assertEquals(0, point.getLane());
                assertEquals(2, point.getOffset(), "every proposal below offset 2 is decided");
                assertEquals(SequencerTopology.PUBLISHER, point.getPublisher());
                assertTrue(point.getPublishedAtMillis() >= before);
            }
            assertEquals(Stage.ACCEPTED, points.get(0).value.getStage());
            assertEquals(Stage.VISIBLE, points.get(1).value.getStage());
            driver.advance(Duration.ofMillis(100));
            assertEquals(List.of(), driver.frontier(), "unchanged: not published again");
        }
    }

    @Test
    void retriesAndGarbageAdvanceTheFrontierToo() {
        try (SequencerDriver driver = new SequencerDriver(stateDir)) {
            UUID key = TestProposals.uuid();
            driver.send(keyed("f", "a", key).build());
            driver.send(keyed("f", "a", key).build());
            driver.sendRaw(null, new byte[] {1, 2, 3});
            driver.advance(Duration.ofMillis(10));
            assertEquals(3L, SequencerBatchTest.latest(driver.frontier()).get(Stage.VISIBLE),
                    "a retry writes no record but is decided; garbage is decided as a quarantine denial");
        }
    }
}
