package dev.batpak.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.StoreNames;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code batpak topics create} and {@code topics verify} against a real broker. */
class TopicsCommandTest {

    private static final String BOOTSTRAP = InJvmKafkaBroker.shared().bootstrapServers();

    private static Map<String, Object> errorJson(Cli.Run run) {
        String[] lines = run.err().strip().split("\\R");
        return JsonParser.parseObject(lines[lines.length - 1]);
    }

    @Test
    void createThenVerifyThenCreateAgain() {
        String store = StoreNames.unique("cli-topics");
        Cli.Run create = Cli.run("topics", "create", "--bootstrap", BOOTSTRAP, "--store", store, "--lanes", "2");
        assertEquals(0, create.exitCode(), create.toString());
        assertEquals("store " + store + ": topics " + store + ".proposals, " + store + ".journal, " + store
                + ".frontier ready for 2 lanes (replication factor 1)", create.out().strip());

        Cli.Run verify = Cli.run("topics", "verify", "--bootstrap", BOOTSTRAP, "--store", store, "--lanes", "2");
        assertEquals(0, verify.exitCode(), verify.toString());
        assertTrue(verify.out().contains("are valid for 2 lanes"), verify.toString());

        Cli.Run again = Cli.run("topics", "create", "--bootstrap", BOOTSTRAP, "--store", store, "--lanes", "2",
                "--replication", "1");
        assertEquals(0, again.exitCode(), "PROPERTY: create is idempotent\n" + again);
    }

    @Test
    void verifyOfAWrongLaneCountFailsWithEveryProblem() {
        String store = StoreNames.unique("cli-lanes");
        assertEquals(0, Cli.run("topics", "create", "--bootstrap", BOOTSTRAP, "--store", store, "--lanes", "2")
                .exitCode());
        Cli.Run verify = Cli.run("topics", "verify", "--bootstrap", BOOTSTRAP, "--store", store, "--lanes", "3");
        assertEquals(1, verify.exitCode(), verify.toString());
        Map<String, Object> error = errorJson(verify);
        assertEquals("STORE_TOPICS_INVALID", error.get("error"));
        String message = (String) error.get("message");
        assertTrue(message.contains("topic " + store + ".proposals has 2 partitions, expected 3"), message);
        assertTrue(message.contains("topic " + store + ".journal has 2 partitions, expected 3"), message);
        assertTrue(message.contains("batpak topics create"), message);
        assertEquals("", verify.out());
    }

    @Test
    void verifyOfAMissingStoreSaysWhatToRun() {
        String store = StoreNames.unique("cli-missing");
        Cli.Run verify = Cli.run("topics", "verify", "--bootstrap", BOOTSTRAP, "--store", store);
        assertEquals(1, verify.exitCode(), verify.toString());
        Map<String, Object> error = errorJson(verify);
        assertEquals("STORE_TOPICS_INVALID", error.get("error"));
        assertTrue(((String) error.get("message")).contains("topic " + store + ".journal is missing"), verify.toString());
    }
}
