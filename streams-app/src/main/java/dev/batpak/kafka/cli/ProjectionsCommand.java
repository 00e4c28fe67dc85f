package dev.batpak.kafka.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code batpak projections}: manage the projection applications of a store. */
@Command(name = "projections",
        mixinStandardHelpOptions = true,
        description = "Manage the projections of a store.",
        subcommands = {ProjectionsRebuildCommand.class})
public final class ProjectionsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: rebuild");
    }
}
