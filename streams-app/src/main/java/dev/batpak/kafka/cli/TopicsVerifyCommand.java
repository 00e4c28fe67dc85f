package dev.batpak.kafka.cli;

import dev.batpak.kafka.store.StoreTopics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code batpak topics verify}: checks that a store's topics exist with the right shape. On a
 * problem it fails with {@code STORE_TOPICS_INVALID}, listing every problem found.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that the topics of a store exist with the right partitions and cleanup policies.")
public final class TopicsVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Mixin
    private StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StoreTopics topics = store.topics();
        try (Admin admin = kafka.admin("batpak-topics-verify")) {
            topics.verify(admin, store.lanes(), kafka.timeout());
        }
        out.println("store " + store.store() + ": topics " + String.join(", ", topics.names()) + " are valid for "
                + store.lanes() + (store.lanes() == 1 ? " lane" : " lanes"));
        out.flush();
        return 0;
    }
}
