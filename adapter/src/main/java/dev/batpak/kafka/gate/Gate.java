package dev.batpak.kafka.gate;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A caller-defined rule a proposal must pass before it is written: a pure predicate over a
 * context type the caller chooses (the proposed payload, the entity's current state, the
 * user's roles, ...).
 *
 * <p>A gate answers {@link Optional#empty()} to let the proposal through or a {@link Denial}
 * (whose {@link Denial#gate()} is this gate's {@link #name()}) to refuse it. Gates must be
 * pure: no I/O, no mutation, the same answer for the same context. That is what makes a denial
 * trace re-checkable and what lets {@link GateSet} stop at the first denial without changing
 * the outcome. A gate that throws is not trusted to have said yes: {@link GateSet} turns the
 * exception into a {@link Denial#GATE_DEFECT} denial.
 *
 * @param <C> the caller's context type
 */
public interface Gate<C> {

    /**
     * The gate's id in denials and traces: non-empty printable ASCII, at most 256 characters,
     * unique within a {@link GateSet}. Read once, when the gate is registered.
     */
    String name();

    /** What the gate checks, for people reading a gate listing; empty by default. */
    default String description() {
        return "";
    }

    /**
     * Decides on one context.
     *
     * @return empty to let the proposal through, or the reason it may not be written
     */
    Optional<Denial> evaluate(C ctx);

    /** A denial from this gate with a code and no context; use {@link Denial#with} to add evidence. */
    default Denial deny(String code, String message) {
        return Denial.of(name(), code, message);
    }

    /**
     * A gate that lets a context through when {@code allows} is true and otherwise denies with
     * a fixed code and message. Covers the common "one condition" gate without a class.
     */
    static <C> Gate<C> require(String name, Predicate<? super C> allows, String code, String message) {
        GateIds.require("gate name", name);
        Objects.requireNonNull(allows, "allows");
        Denial denial = Denial.of(name, code, message);
        return of(name, "", ctx -> allows.test(ctx) ? Optional.empty() : Optional.of(denial));
    }

    /**
     * A gate from a name, a description and a function; the function's denials must name this
     * gate (build them with {@link Denial#of(String, String, String)} and the same name).
     */
    static <C> Gate<C> of(String name, String description, Function<? super C, Optional<Denial>> rule) {
        GateIds.require("gate name", name);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rule, "rule");
        return new Gate<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Optional<Denial> evaluate(C ctx) {
                return rule.apply(ctx);
            }

            @Override
            public String toString() {
                return "Gate[" + name + "]";
            }
        };
    }
}
