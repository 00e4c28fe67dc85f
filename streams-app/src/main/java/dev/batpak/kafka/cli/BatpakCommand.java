package dev.batpak.kafka.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code batpak} command line. Each subcommand is its own class; to add one, write the class
 * (a picocli {@code @Command} implementing {@code Callable<Integer>}) and list it in
 * {@code subcommands} below.
 *
 * <p>Exit codes: 0 success; 2 bad arguments (the message and the usage go to standard error);
 * 1 a runtime failure (one JSON object {@code {"error":"CODE","message":"..."}} on standard
 * error, see {@link ErrorReporter}).
 */
@Command(name = "batpak",
        mixinStandardHelpOptions = true,
        versionProvider = BatpakCommand.Version.class,
        description = "Event sourcing on Apache Kafka: typed events, hash chains, gates, receipts, watermarks.",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  BATPAK_BOOTSTRAP    default for --bootstrap",
            "  BATPAK_STORE        default for --store",
            "  BATPAK_BROKER_OPTS  options of the embedded broker's JVM, replacing the default",
            "                      -Xms128m -Xmx512m -XX:+UseSerialGC",
            "  BATPAK_DEBUG        set to print stack traces with errors",
            "%nExit codes: 0 ok, 1 runtime failure (JSON on stderr), 2 bad arguments.",
        },
        subcommands = {
            DevCommand.class,
            DemoCommand.class,
            TopicsCommand.class,
            ServeCommand.class,
            AppendCommand.class,
            FrontierCommand.class,
            GetCommand.class,
            VerifyCommand.class,
            WalkCommand.class,
            GraphCommand.class,
            CorrelationCommand.class,
            QueryCommand.class,
            ProjectionsCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class BatpakCommand implements Runnable {

    /** The exit code of an argument error. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line on the console streams and returns the exit code; does not exit. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line on the console streams. */
    public static CommandLine commandLine() {
        return new CommandLine(new BatpakCommand())
                .setExecutionExceptionHandler(new ErrorReporter())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The configured command line writing to {@code out} and {@code err}, for embedding and tests. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine().setOut(out).setErr(err);
    }

    /** {@code batpak} with no subcommand is an argument error: it says so and shows the usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The version from the jar manifest, or a marker for a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BatpakCommand.class.getPackage().getImplementationVersion();
            return new String[] {"batpak " + (version == null ? "(development build)" : version)};
        }
    }
}
