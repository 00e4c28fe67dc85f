package dev.batpak.kafka.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code batpak topics}: create or check the topics of a store on an existing cluster. */
@Command(name = "topics",
        mixinStandardHelpOptions = true,
        description = "Create or verify the topics of a store.",
        subcommands = {TopicsCreateCommand.class, TopicsVerifyCommand.class})
public final class TopicsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: create or verify");
    }
}
