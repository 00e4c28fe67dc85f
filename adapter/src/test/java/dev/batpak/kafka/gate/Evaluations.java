package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.fail;

/** Typed unwrapping of an {@link Evaluation} in tests, failing with the other case shown. */
final class Evaluations {

    private Evaluations() {
    }

    static <T> Evaluation.Passed<T> passed(Evaluation<T> evaluation) {
        if (evaluation instanceof Evaluation.Passed<T> passed) {
            return passed;
        }
        return fail("expected the proposal to pass, got " + evaluation);
    }

    static <T> Evaluation.Denied<T> denied(Evaluation<T> evaluation) {
        if (evaluation instanceof Evaluation.Denied<T> denied) {
            return denied;
        }
        return fail("expected the proposal to be denied, got " + evaluation);
    }
}
