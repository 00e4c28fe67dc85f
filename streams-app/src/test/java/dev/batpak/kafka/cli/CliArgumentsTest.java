package dev.batpak.kafka.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Argument errors exit 2 with a message and the usage, before anything starts; runtime errors exit 1 with JSON. */
class CliArgumentsTest {

    private static void assertUsageError(Cli.Run run, String message) {
        assertEquals(2, run.exitCode(), "PROPERTY: an argument error exits 2\n" + run);
        assertTrue(run.err().contains(message), "PROPERTY: the error says what is wrong (" + message + ")\n" + run);
        assertTrue(run.err().contains("Usage: batpak"), "PROPERTY: the usage follows the error\n" + run);
        assertEquals("", run.out(), "PROPERTY: nothing is printed on stdout\n" + run);
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertUsageError(Cli.run("dev", "--no-such-flag"), "Unknown option: '--no-such-flag'");
        assertUsageError(Cli.run("--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void aBadLanesValueIsAUsageError() {
        assertUsageError(Cli.run("dev", "--lanes", "many"), "Invalid value for option '--lanes': 'many' is not an int");
        assertUsageError(Cli.run("demo", "--lanes", "0"), "Invalid value for option '--lanes': the lane count is 0");
        assertUsageError(Cli.run("topics", "create", "--bootstrap", "127.0.0.1:1", "--lanes", "-2"),
                "the lane count is -2");
        assertUsageError(Cli.run("topics", "verify", "--bootstrap", "127.0.0.1:1", "--lanes", "5000"),
                "the lane count is 5000");
    }

    @Test
    void aBadStoreNameIsAUsageError() {
        assertUsageError(Cli.run("dev", "--store", "my store"),
                "Invalid value for option '--store': the store name 'my store' has the character U+0020 at index 2");
        assertUsageError(Cli.run("demo", "--store", ".."), "Invalid value for option '--store'");
    }

    @Test
    void otherBadValuesAreUsageErrors() {
        assertUsageError(Cli.run("dev", "--port", "70000"), "Invalid value for option '--port': 70000");
        assertUsageError(Cli.run("topics", "verify", "--bootstrap", "x:1", "--timeout", "soon"),
                "Invalid value for option '--timeout': 'soon' is not a positive duration");
        assertUsageError(Cli.run("topics", "create", "--bootstrap", "x:1", "--replication", "0"),
                "Invalid value for option '--replication': 0");
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        assertUsageError(Cli.run(), "Missing subcommand");
        assertUsageError(Cli.run("topics"), "Missing subcommand: create or verify");
        // For an unknown subcommand picocli prints close matches ("Did you mean") instead of the usage.
        Cli.Run unknown = Cli.run("no-such-command");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("Unmatched argument at index 0: 'no-such-command'"), unknown.toString());
    }

    @Test
    void aMissingBootstrapIsAUsageError() {
        Assumptions.assumeTrue(System.getenv("BATPAK_BOOTSTRAP") == null, "BATPAK_BOOTSTRAP is set here");
        assertUsageError(Cli.run("topics", "verify", "--store", "s"), "Missing required option: '--bootstrap'");
    }

    @Test
    void helpListsTheSubcommandsAndExitsZero() {
        Cli.Run run = Cli.run("--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (String command : new String[] {"dev", "demo", "topics"}) {
            assertTrue(run.out().contains(command), run.toString());
        }
        assertEquals(0, Cli.run("topics", "create", "--help").exitCode());
    }

    @Test
    void anUnreachableClusterIsARuntimeErrorWithJsonOnStderr() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        Cli.Run run = Cli.run("topics", "verify", "--bootstrap", "127.0.0.1:" + closedPort, "--store", "s",
                "--timeout", "2s");
        assertEquals(1, run.exitCode(), "PROPERTY: a runtime failure exits 1\n" + run);
        String[] lines = run.err().strip().split("\\R");
        Map<String, Object> error = JsonParser.parseObject(lines[lines.length - 1]);
        assertEquals("STORE_TOPICS_FAILED", error.get("error"), run.toString());
        assertTrue(((String) error.get("message")).contains("could not"), run.toString());
    }

    @Test
    void jsonIsEscapedAndParses() {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 line-sep \u2028");
        value.put("number", 42L);
        value.put("double", 1.5);
        value.put("nan", Double.NaN);
        value.put("flag", true);
        value.put("nothing", null);
        value.put("list", java.util.List.of(1, "two"));
        String json = Json.object(value);
        assertEquals(1, json.lines().count(), "PROPERTY: one object, one line");
        Map<String, Object> parsed = JsonParser.parseObject(json);
        assertEquals(value.get("text"), parsed.get("text"));
        assertEquals("NaN", parsed.get("nan"));
        assertEquals(java.util.List.of(new java.math.BigDecimal(1), "two"), parsed.get("list"));
    }
}
