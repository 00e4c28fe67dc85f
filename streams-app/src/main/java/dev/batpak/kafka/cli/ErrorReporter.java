package dev.batpak.kafka.cli;

import dev.batpak.kafka.BatpakException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * Turns a runtime failure of any command into the command line's error contract: one JSON
 * object {@code {"error":"CODE","message":"..."}} on standard error and exit code 1. Typed
 * errors keep their {@link BatpakException#code()}; Kafka's and anything unexpected get a
 * generic code. With {@code BATPAK_DEBUG=1} in the environment the stack trace follows.
 * (Argument errors never get here: picocli prints them with the usage and exits 2.)
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    /** The exit code of a runtime failure. */
    public static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine,
            CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(Json.object(describe(exception)));
        if (System.getenv("BATPAK_DEBUG") != null) {
            exception.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** The error object for {@code failure}: its code and message. */
    public static Map<String, Object> describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        Map<String, Object> error = new LinkedHashMap<>();
        if (cause instanceof BatpakException batpak) {
            error.put("error", batpak.code());
            error.put("message", batpak.getMessage());
        } else if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            error.put("error", "KAFKA_TIMEOUT");
            error.put("message", "Kafka did not answer in time: " + messageOf(cause)
                    + " (check that the broker is running and that --bootstrap names it)");
        } else if (cause instanceof KafkaException) {
            error.put("error", "KAFKA_ERROR");
            error.put("message", messageOf(cause));
        } else {
            error.put("error", "INTERNAL_ERROR");
            error.put("message", cause.getClass().getName() + ": " + messageOf(cause)
                    + " (run with BATPAK_DEBUG=1 for the stack trace)");
        }
        return error;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CommandLine.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The message of {@code t} followed by those of its causes, which Kafka's wrappers often hide. */
    private static String messageOf(Throwable t) {
        StringBuilder message = new StringBuilder(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        Throwable cause = t.getCause();
        // Bounded: a cause chain may be cyclic.
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause.getMessage() != null && message.indexOf(cause.getMessage()) < 0) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
