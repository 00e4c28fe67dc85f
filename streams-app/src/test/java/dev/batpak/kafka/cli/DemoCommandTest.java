package dev.batpak.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code batpak demo}, run in-process: on its own embedded broker (the default) and on an existing cluster. */
class DemoCommandTest {

    private static void assertDemoOk(Cli.Run run, String store) {
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Object> summary = JsonParser.parseObject(run.lastOutLine());
        assertEquals("ok", summary.get("demo"), run.toString());
        assertEquals(new BigDecimal(3), summary.get("topics"));
        assertEquals(BigDecimal.ONE, summary.get("proposalsWritten"));
        assertEquals(BigDecimal.ONE, summary.get("proposalsRead"));
        assertEquals(store, summary.get("store"));
        // The tour grows; its first steps stay: topics, then a proposal written and read back.
        assertTrue(Pattern.compile("^\\[1/\\d+\\] Create the store's topics$", Pattern.MULTILINE).matcher(run.out()).find(),
                run.toString());
        assertTrue(run.out().contains(store + ".journal"), run.toString());
        assertTrue(run.out().contains("BLAKE3 content hash verified"), run.toString());
        // The projection answers after waitFor(APPLIED); the reaction, chained by causation, after waitFor(EMITTED).
        assertEquals(new BigDecimal(2), summary.get("projectedItems"), run.toString());
        assertEquals(Boolean.TRUE, summary.get("reactionCausedBySource"), run.toString());
        assertEquals(Boolean.TRUE, summary.get("reactionSameCorrelation"), run.toString());
        assertEquals(Boolean.TRUE, summary.get("outboxRecordCommitted"), run.toString());
        assertEquals(Boolean.TRUE, summary.get("sagaEffectHeld"), run.toString());
        assertEquals("BEFORE", summary.get("happenedBefore"), run.toString());
        assertTrue(run.out().contains("└─ "), "the saga's causal tree is printed: " + run);
        assertEquals(Boolean.TRUE, summary.get("verified"), run.toString());
    }

    @Test
    void demoOnItsOwnBrokerEndsWithOkJsonAndCleansUp() {
        String store = StoreNames.unique("demo");
        Cli.Run run = Cli.run("demo", "--store", store, "--lanes", "2");
        assertDemoOk(run, store);
        Map<String, Object> summary = JsonParser.parseObject(run.lastOutLine());
        assertEquals("embedded", summary.get("broker"));
        Matcher removed = Pattern.compile("removed (\\S+)").matcher(run.out());
        assertTrue(removed.find(), run.toString());
        assertFalse(Files.exists(Path.of(removed.group(1))), "PROPERTY: the demo removes its temporary broker data");
    }

    @Test
    void demoOnAnExistingCluster() {
        String store = StoreNames.unique("demo-ext");
        Cli.Run run = Cli.run("demo", "--bootstrap", InJvmKafkaBroker.shared().bootstrapServers(), "--store", store);
        assertDemoOk(run, store);
        assertEquals("external", JsonParser.parseObject(run.lastOutLine()).get("broker"));
    }
}
