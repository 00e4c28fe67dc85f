package dev.batpak.kafka.embedded;

import java.io.IOException;

/**
 * The main class of the broker's child JVM: Kafka's own {@code kafka.Kafka}, preceded by
 * formatting the storage of a new cluster, plus a watchdog that stops the broker when the parent
 * process is gone.
 *
 * <p>A JVM shutdown hook in the parent stops the broker on a normal exit, Ctrl-C or SIGTERM, but
 * no hook runs when the parent is killed outright. The parent therefore keeps a pipe open to the
 * child's standard input, and the child exits (through Kafka's clean-shutdown hook) when that pipe
 * reaches end-of-file, which the operating system guarantees when the parent dies by any means.
 * The watchdog is on only with {@code -Dbatpak.embedded.watchParent=stdin}, so the class can also
 * be run by hand with a closed standard input.
 */
public final class EmbeddedBrokerMain {

    /** The system property that turns the standard-input watchdog on (value {@code stdin}). */
    public static final String WATCH_PARENT_PROPERTY = "batpak.embedded.watchParent";

    private EmbeddedBrokerMain() {
    }

    /**
     * Runs the broker. Arguments: {@code [--format CLUSTER_ID] server.properties}. With
     * {@code --format}, the storage is first formatted for a new cluster with Kafka's
     * {@code kafka.tools.StorageTool}, in this JVM, which saves starting a second one.
     */
    public static void main(String[] args) {
        if ("stdin".equals(System.getProperty(WATCH_PARENT_PROPERTY))) {
            Thread watchdog = new Thread(EmbeddedBrokerMain::exitWhenParentIsGone, "batpak-parent-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        if (args.length == 3 && args[0].equals("--format")) {
            format(args[1], args[2]);
            kafka.Kafka.main(new String[] {args[2]});
        } else if (args.length == 1) {
            kafka.Kafka.main(args);
        } else {
            System.err.println("usage: EmbeddedBrokerMain [--format CLUSTER_ID] server.properties");
            System.exit(2);
        }
    }

    private static void format(String clusterId, String serverProperties) {
        int exitCode;
        try {
            exitCode = kafka.tools.StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", serverProperties},
                    System.out);
        } catch (RuntimeException e) {
            System.err.println("batpak: formatting the storage failed: " + e);
            exitCode = 1;
        }
        if (exitCode != 0) {
            System.err.println("batpak: formatting the storage failed with exit code " + exitCode);
            System.exit(exitCode);
        }
    }

    private static void exitWhenParentIsGone() {
        try {
            while (System.in.read() >= 0) {
                // Nothing is ever sent; bytes are ignored and only end-of-file matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
        System.err.println("batpak: the parent process is gone; stopping the broker");
        System.exit(0);
    }
}
