package dev.batpak.kafka.append;

/**
 * Optimistic concurrency on a stream {@code (entity, lane)}, checked by the sequencer against the
 * stream's head when it decides the proposal. A mismatch is denied {@code SEQUENCE_MISMATCH} with
 * the actual head.
 *
 * <p>batpak compares against "head clock, or 0 when there is no head", so expecting 0 cannot tell
 * an empty stream from a stream with one event. Here {@link #empty()} and {@link #of(long)} are
 * distinct: {@code of(0)} means "exactly one event, clock 0, is there".
 *
 * @param mode what to check
 * @param sequence the expected head clock, for {@link Mode#EXACT}; -1 otherwise
 */
public record ExpectedSequence(Mode mode, long sequence) {

    /** What to check. */
    public enum Mode {
        /** No check. */
        ANY,
        /** The stream has no event yet. */
        EMPTY,
        /** The stream's head clock equals {@code sequence}. */
        EXACT
    }

    private static final ExpectedSequence ANY = new ExpectedSequence(Mode.ANY, -1);
    private static final ExpectedSequence EMPTY = new ExpectedSequence(Mode.EMPTY, -1);

    /** Validates that only EXACT carries a sequence, and that it is non-negative. */
    public ExpectedSequence {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (mode == Mode.EXACT ? sequence < 0 : sequence != -1) {
            throw new IllegalArgumentException(mode == Mode.EXACT
                    ? "an expected sequence is a head clock, >= 0; use ExpectedSequence.empty() for an empty stream"
                    : "only EXACT carries a sequence");
        }
    }

    /** No check. */
    public static ExpectedSequence any() {
        return ANY;
    }

    /** The stream must have no event yet. */
    public static ExpectedSequence empty() {
        return EMPTY;
    }

    /** The stream's head clock must be exactly {@code headClock}. */
    public static ExpectedSequence of(long headClock) {
        return new ExpectedSequence(Mode.EXACT, headClock);
    }

    /** Parses {@code any}, {@code empty} or a non-negative number, as the command line takes it. */
    public static ExpectedSequence parse(String text) {
        if ("any".equalsIgnoreCase(text)) {
            return ANY;
        }
        if ("empty".equalsIgnoreCase(text)) {
            return EMPTY;
        }
        try {
            return of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected sequence '" + text + "' is not 'any', 'empty' or a head clock >= 0");
        }
    }
}
