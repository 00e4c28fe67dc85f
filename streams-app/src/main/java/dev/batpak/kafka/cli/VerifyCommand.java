package dev.batpak.kafka.cli;

import dev.batpak.kafka.receipt.VerifyingKey;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.verify.JournalVerifier;
import dev.batpak.kafka.verify.VerificationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak verify}: re-reads a store's whole journal and checks every stream (dense clocks,
 * hashes, links, signatures). Prints a summary (or, with {@code --json}, the report) naming every
 * broken link; exits 0 when intact and 1 on any finding.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read the whole journal and check every stream: dense clocks, hashes, links, signatures."
                + " Exits 0 when intact, 1 on any finding.")
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "The store.")
    private String store;

    @Option(names = "--key", paramLabel = "FILE",
            description = "A verifying (public) key file, PEM or hex; repeatable. With keys, every event must be signed.")
    private List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--json", description = "Print the report as one JSON object instead of a summary.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        List<VerifyingKey> keys = new ArrayList<>();
        for (Path file : keyFiles) {
            keys.add(VerifyingKey.load(file));
        }
        JournalVerifier verifier = keys.isEmpty() ? JournalVerifier.withoutKeys()
                : JournalVerifier.of(VerifyingKeys.of(keys));
        VerificationReport report = verifier.verifyStore(kafka.clientConfig("batpak-verify"), store,
                kafka.timeout());
        spec.commandLine().getOut().println(json ? report.toJson() : report.summary());
        spec.commandLine().getOut().flush();
        return report.exitCode();
    }
}
