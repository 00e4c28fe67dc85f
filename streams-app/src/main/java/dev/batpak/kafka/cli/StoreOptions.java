package dev.batpak.kafka.cli;

import dev.batpak.kafka.store.StoreConfigException;
import dev.batpak.kafka.store.StoreTopics;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --store NAME} and {@code --lanes N}, shared by every command that works on a store. A
 * bad value is an argument error (usage, exit 2), found before anything is started.
 */
public final class StoreOptions {

    /** The store used when neither {@code --store} nor {@code BATPAK_STORE} names one. */
    public static final String DEFAULT_STORE = "default";

    /** The lane count used when {@code --lanes} is not given. */
    public static final int DEFAULT_LANES = 3;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    private String store = DEFAULT_STORE;
    private int lanes = DEFAULT_LANES;

    @Option(names = "--store", paramLabel = "NAME", defaultValue = "${env:BATPAK_STORE:-" + DEFAULT_STORE + "}",
            description = "The store: the prefix of its topics <NAME>.proposals, .journal, .frontier"
                    + " (default: $BATPAK_STORE or " + DEFAULT_STORE + ").")
    void setStore(String value) {
        try {
            StoreTopics.validateStoreName(value);
        } catch (StoreConfigException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--store': " + e.getMessage());
        }
        store = value;
    }

    @Option(names = "--lanes", paramLabel = "N", defaultValue = "" + DEFAULT_LANES,
            description = "Lanes of the store: partitions of its proposals and journal topics (default: ${DEFAULT-VALUE}).")
    void setLanes(int value) {
        try {
            StoreTopics.validateLanes(value);
        } catch (StoreConfigException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--lanes': " + e.getMessage());
        }
        lanes = value;
    }

    /** The store name, valid. */
    public String store() {
        return store;
    }

    /** The store's topics. */
    public StoreTopics topics() {
        return StoreTopics.of(store);
    }

    /** The lane count, 1 to {@link StoreTopics#MAX_LANES}. */
    public int lanes() {
        return lanes;
    }
}
