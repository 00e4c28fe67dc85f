package dev.batpak.kafka.cli;

import dev.batpak.kafka.projection.ProjectionConfig;
import dev.batpak.kafka.projection.ProjectionException;
import dev.batpak.kafka.projection.ProjectionNames;
import dev.batpak.kafka.projection.ProjectionReset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code batpak projections rebuild NAME}: resets the projection set {@code NAME} of a store
 * (every application id {@code <store>.projections.<NAME>.*}: consumer groups, changelog topics,
 * local state), so that its next start replays the journal from the beginning. The projection
 * applications must be stopped; a running one fails the command with
 * {@code PROJECTION_UNAVAILABLE}.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Reset a projection set so that its next start rebuilds it from the journal."
                + " Stop its applications first.")
public final class ProjectionsRebuildCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private StoreOptions store;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "The projection set's name (ProjectionConfig name).")
    private String name;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The projections' Kafka Streams state directory, whose local stores are deleted"
                    + " (default: .batpak/projection-state).")
    private Path stateDir = ProjectionConfig.DEFAULT_STATE_DIR;

    @Override
    public Integer call() {
        try {
            ProjectionNames.validate(name);
        } catch (ProjectionException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for NAME: " + e.getMessage());
        }
        String prefix = ProjectionConfig.applicationIdPrefix(store.store(), name);
        Set<String> reset;
        try (Admin admin = kafka.admin("batpak-projections-rebuild")) {
            reset = ProjectionReset.reset(admin, prefix, stateDir, kafka.timeout());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (reset.isEmpty()) {
            out.println("store " + store.store() + ": projection set " + name + " has nothing to reset (no"
                    + " application " + prefix + "* found); it builds from the journal when it first starts");
        } else {
            out.println("store " + store.store() + ": projection set " + name + " reset (" + String.join(", ", reset)
                    + "); its next start rebuilds it from the journal");
        }
        out.flush();
        return 0;
    }
}
