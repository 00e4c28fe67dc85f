package dev.batpak.kafka.cli;

import dev.batpak.kafka.store.StoreTopics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code batpak topics create}: creates the three topics of a store. Idempotent: topics that
 * already exist with the right shape are kept; a topic with the wrong shape is reported, never
 * changed.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create the topics of a store (idempotent): <store>.proposals and <store>.journal with one"
                + " partition per lane, <store>.frontier with one compacted partition.")
public final class TopicsCreateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private StoreOptions store;

    private Short replication;

    @Option(names = "--replication", paramLabel = "R",
            description = "Replication factor (default: 3, or the number of brokers if fewer).")
    void setReplication(short value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--replication': " + value
                    + " (at least 1)");
        }
        replication = value;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StoreTopics topics = store.topics();
        try (Admin admin = kafka.admin("batpak-topics-create")) {
            short factor = replication != null ? replication : ClusterDefaults.replicationFactor(admin, kafka.timeout());
            topics.create(admin, store.lanes(), factor, kafka.timeout());
            out.println("store " + store.store() + ": topics " + String.join(", ", topics.names()) + " ready for "
                    + store.lanes() + (store.lanes() == 1 ? " lane" : " lanes") + " (replication factor " + factor + ")");
        }
        out.flush();
        return 0;
    }
}
