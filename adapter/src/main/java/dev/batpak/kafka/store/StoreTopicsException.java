package dev.batpak.kafka.store;

import dev.batpak.kafka.BatpakException;
import java.util.List;

/**
 * The topics of a store are missing or have the wrong shape, or Kafka could not be asked about
 * them. {@link #problems()} lists every problem found, one sentence each, so a user fixes them
 * all in one go instead of one per run.
 */
public final class StoreTopicsException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Code of a store whose topics are missing or wrong. */
    public static final String INVALID = "STORE_TOPICS_INVALID";

    /** Code of a failure to create or describe the topics (broker unreachable, timeout, refused). */
    public static final String FAILED = "STORE_TOPICS_FAILED";

    private final String store;
    private final List<String> problems;

    private StoreTopicsException(String code, String store, List<String> problems, String message, Throwable cause) {
        super(code, message, cause);
        this.store = store;
        this.problems = List.copyOf(problems);
    }

    /** The topics of {@code store} do not match what a store with {@code lanes} lanes needs. */
    static StoreTopicsException invalid(String store, int lanes, List<String> problems) {
        StringBuilder message = new StringBuilder()
                .append("the topics of store '").append(store).append("' are not usable for ")
                .append(lanes).append(lanes == 1 ? " lane" : " lanes").append(':');
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        message.append("\nRun `batpak topics create --bootstrap <servers> --store ").append(store)
                .append(" --lanes ").append(lanes)
                .append("` to create missing topics; a topic with the wrong shape has to be fixed or deleted by hand"
                        + " (changing a partition count would move entities to other lanes).");
        return new StoreTopicsException(INVALID, store, problems, message.toString(), null);
    }

    /** Kafka did not answer in time, refused, or failed when asked to {@code action} the topics. */
    static StoreTopicsException failed(String store, String action, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String message = "could not " + action + " the topics of store '" + store + "': " + reason
                + " (check that the broker is running and that --bootstrap names it)";
        return new StoreTopicsException(FAILED, store, List.of(), message, cause);
    }

    /** The store whose topics were checked. */
    public String store() {
        return store;
    }

    /** Every problem found, one sentence each; empty when Kafka could not be asked. */
    public List<String> problems() {
        return problems;
    }
}
