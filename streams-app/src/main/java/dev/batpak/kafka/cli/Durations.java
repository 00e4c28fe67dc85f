package dev.batpak.kafka.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses the durations the command line takes: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code value}, a positive duration.
     *
     * @throws ParameterException naming {@code option} if the value is not one
     */
    public static Duration parse(CommandLine commandLine, String option, String value) {
        Duration duration = null;
        String text = value == null ? "" : value.trim();
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                // Reported below with the accepted forms.
            }
        }
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new ParameterException(commandLine, "Invalid value for option '" + option + "': '" + value
                    + "' is not a positive duration (examples: 500ms, 30s, 2m, 1h, PT1M30S)");
        }
        return duration;
    }
}
