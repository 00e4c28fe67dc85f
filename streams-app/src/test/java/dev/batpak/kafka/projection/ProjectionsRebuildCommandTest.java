package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.cli.BatpakCommand;
import dev.batpak.kafka.testkit.Conditions;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code batpak projections rebuild NAME} on the in-JVM broker. */
@ExtendWith(NoSilentSkips.class)
class ProjectionsRebuildCommandTest {

    @TempDir
    Path stateDir;

    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BatpakCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void rebuildDeletesTheSetsChangelogsAndLocalStateButNothingElse() throws Exception {
        String store = StoreNames.unique("rebuild");
        String appId = ProjectionConfig.applicationIdPrefix(store, "counters") + "0123456789abcdef";
        String changelog = appId + "-batpak-projection-counter-v1-changelog";
        String other = ProjectionConfig.applicationIdPrefix(store, "others") + "00-x-changelog";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(changelog, 1, (short) 1), new NewTopic(other, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            Files.createDirectories(stateDir.resolve(appId).resolve("0_0"));

            Run run = run("projections", "rebuild", "counters", "--store", store, "--bootstrap", bootstrap,
                    "--state-dir", stateDir.toString());

            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.out().contains(appId), run.out());
            assertFalse(Files.exists(stateDir.resolve(appId)), "the local stores are deleted");
            Conditions.await(Duration.ofSeconds(30), "the changelog is deleted and the other set's is kept", () -> {
                try {
                    var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                    return !names.contains(changelog) && names.contains(other);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    @Test
    void anInvalidNameIsAnArgumentError() {
        Run run = run("projections", "rebuild", "no spaces", "--bootstrap", bootstrap);
        assertEquals(BatpakCommand.EXIT_USAGE, run.exit(), run.toString());
    }

    @Test
    void nothingToResetIsSaidPlainly() {
        Run run = run("projections", "rebuild", "counters", "--store", StoreNames.unique("none"), "--bootstrap",
                bootstrap, "--state-dir", stateDir.toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("nothing to reset"), run.out());
    }
}
