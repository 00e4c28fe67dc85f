package dev.batpak.kafka.gate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered, immutable set of {@link Gate}s over one context type: registration order is
 * evaluation order, and gate names are unique.
 *
 * <p>Order is part of the contract because {@link #evaluate} stops at the first denial: a cheap
 * or most-specific gate registered first decides before the expensive ones run, and the denial a
 * caller sees is stable from run to run. Unique names make every denial and trace entry
 * attributable to exactly one gate.
 *
 * <p>A gate that throws (any {@link RuntimeException}, or any {@link Error} other than a
 * {@link VirtualMachineError}), returns null, or returns a denial naming another gate has not
 * answered, and a missing answer must never read as "yes": it becomes a denial with code
 * {@link Denial#GATE_DEFECT}. Evaluation never lets a gate's exception escape. A
 * {@code VirtualMachineError} (out of memory, stack overflow) is rethrown: the JVM is no
 * longer in a state where a denial could be trusted either.
 *
 * <p>Instances are immutable and safe to share between threads, provided the gates are pure as
 * {@link Gate} requires.
 *
 * @param <C> the caller's context type
 */
public final class GateSet<C> {

    /** A gate with the name it had when it was registered, so a changing name() cannot break the set. */
    private record Registered<C>(String name, Gate<? super C> gate) {
    }

    private static final GateSet<?> EMPTY = new GateSet<>(List.of());

    private final List<Registered<C>> registered;
    private final List<String> names;

    private GateSet(List<Registered<C>> registered) {
        this.registered = List.copyOf(registered);
        this.names = this.registered.stream().map(Registered::name).toList();
    }

    /** A set with no gates: every proposal passes (with an empty list of gates passed). */
    @SuppressWarnings("unchecked")
    public static <C> GateSet<C> empty() {
        return (GateSet<C>) EMPTY;
    }

    /**
     * A set of the given gates, in the order given.
     *
     * @throws GateException if a name is invalid or repeats
     */
    @SafeVarargs
    public static <C> GateSet<C> of(Gate<? super C>... gates) {
        Builder<C> builder = builder();
        for (Gate<? super C> gate : gates) {
            builder.add(gate);
        }
        return builder.build();
    }

    /**
     * A set of the given gates, in list order.
     *
     * @throws GateException if a name is invalid or repeats
     */
    public static <C> GateSet<C> of(List<? extends Gate<? super C>> gates) {
        Builder<C> builder = builder();
        for (Gate<? super C> gate : gates) {
            builder.add(gate);
        }
        return builder.build();
    }

    /** A builder that adds gates one by one, refusing a duplicate name at the {@code add} that repeats it. */
    public static <C> Builder<C> builder() {
        return new Builder<>();
    }

    /** The gate names in evaluation order. */
    public List<String> names() {
        return names;
    }

    /** The gates in evaluation order. */
    public List<Gate<? super C>> gates() {
        return registered.stream().<Gate<? super C>>map(Registered::gate).toList();
    }

    /** The number of gates. */
    public int size() {
        return registered.size();
    }

    /** True when the set has no gates. */
    public boolean isEmpty() {
        return registered.isEmpty();
    }

    /**
     * Evaluates the gates in order and stops at the first denial.
     *
     * @param ctx the caller's context, passed to every gate as is (may be null if the gates accept it)
     * @param proposal the payload to guard
     * @return {@link Evaluation.Passed} with a receipt naming every gate, or
     *     {@link Evaluation.Denied} with the first denial and a trace (Permit*, Deny, Skipped*)
     */
    public <T> Evaluation<T> evaluate(C ctx, Proposal<T> proposal) {
        return evaluate(ctx, proposal, Optional.empty());
    }

    /** {@link #evaluate(Object, Proposal)}, recording the evaluating pipeline's id in a denial. */
    <T> Evaluation<T> evaluate(C ctx, Proposal<T> proposal, Optional<String> pipelineId) {
        Objects.requireNonNull(proposal, "proposal");
        for (int i = 0; i < registered.size(); i++) {
            Optional<Denial> answer = ask(registered.get(i), ctx);
            if (answer.isPresent()) {
                Denial denial = answer.get();
                List<GateEvaluation> evaluations = new ArrayList<>(registered.size());
                for (int j = 0; j < registered.size(); j++) {
                    String name = registered.get(j).name();
                    evaluations.add(j < i ? GateEvaluation.permit(name)
                            : j == i ? GateEvaluation.deny(denial) : GateEvaluation.skipped(name));
                }
                return new Evaluation.Denied<>(denial, evaluations, pipelineId);
            }
        }
        return new Evaluation.Passed<>(new GuardReceipt<>(proposal.payload(), names, this));
    }

    /**
     * Evaluates every gate, whatever the earlier ones said, and collects all denials in order.
     * A gate that throws is recorded as a {@link Denial#GATE_DEFECT} denial and the remaining
     * gates still run.
     */
    public GateReport evaluateAll(C ctx) {
        List<GateEvaluation> evaluations = new ArrayList<>(registered.size());
        List<Denial> denials = new ArrayList<>();
        for (Registered<C> gate : registered) {
            Optional<Denial> answer = ask(gate, ctx);
            if (answer.isPresent()) {
                denials.add(answer.get());
                evaluations.add(GateEvaluation.deny(answer.get()));
            } else {
                evaluations.add(GateEvaluation.permit(gate.name()));
            }
        }
        return new GateReport(evaluations, denials);
    }

    /**
     * The trace of a fail-fast evaluation that ended in {@code failing}, without a content hash
     * or pipeline id.
     */
    public DenialTrace traceDenial(Denial failing, int proposedKind) {
        return traceDenial(failing, proposedKind, null, null);
    }

    /**
     * The trace of a fail-fast evaluation that ended in {@code failing}: gates before the
     * failing gate {@code Permit}, the failing gate {@code Deny}, later gates {@code Skipped}.
     * When the failing gate is not in this set (a denial from elsewhere, for example a
     * sequencer check), every gate is {@code Permit} and a trailing {@code Deny} entry for it is
     * added, so the trace always names the decider.
     *
     * @param failing the denial that decided
     * @param proposedKind raw 16-bit event kind that was proposed
     * @param proposedContentHash BLAKE3 of the proposed payload (32 bytes), or null
     * @param pipelineId the evaluating pipeline's id, or null
     * @throws GateException if the kind, hash or pipeline id is out of range
     */
    public DenialTrace traceDenial(Denial failing, int proposedKind, byte[] proposedContentHash, String pipelineId) {
        Objects.requireNonNull(failing, "failing");
        List<GateEvaluation> evaluations = new ArrayList<>(registered.size() + 1);
        boolean found = false;
        for (Registered<C> gate : registered) {
            if (found) {
                evaluations.add(GateEvaluation.skipped(gate.name()));
            } else if (gate.name().equals(failing.gate())) {
                evaluations.add(GateEvaluation.deny(failing));
                found = true;
            } else {
                evaluations.add(GateEvaluation.permit(gate.name()));
            }
        }
        if (!found) {
            evaluations.add(GateEvaluation.deny(failing));
        }
        return DenialTrace.of(failing, evaluations, proposedKind, proposedContentHash, pipelineId);
    }

    /** Asks one gate, turning every way of not answering into a {@link Denial#GATE_DEFECT} denial. */
    private Optional<Denial> ask(Registered<C> gate, C ctx) {
        Optional<Denial> answer;
        try {
            answer = gate.gate().evaluate(ctx);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable thrown) {
            if (thrown instanceof InterruptedException) {
                // a pure gate should never block; keep the interrupt for the caller's own code
                Thread.currentThread().interrupt();
            }
            return Optional.of(Denial.defect(gate.name(), thrown));
        }
        if (answer == null) {
            return Optional.of(new Denial(gate.name(), Denial.GATE_DEFECT,
                    "gate '" + gate.name() + "' returned null instead of an Optional; fix the gate",
                    List.of(Map.entry("problem", "null answer"))));
        }
        if (answer.isPresent() && !answer.get().gate().equals(gate.name())) {
            Denial foreign = answer.get();
            return Optional.of(new Denial(gate.name(), Denial.GATE_DEFECT,
                    "gate '" + gate.name() + "' returned a denial attributed to '" + foreign.gate()
                            + "' (" + foreign.message() + "); a gate's denials must carry its own name",
                    List.of(Map.entry("problem", "denial names another gate"),
                            Map.entry("deniedAs", foreign.gate()))));
        }
        return answer;
    }

    /** Lists the gate names. */
    @Override
    public String toString() {
        return "GateSet" + names;
    }

    /**
     * Collects gates for a {@link GateSet}, in the order added.
     *
     * @param <C> the caller's context type
     */
    public static final class Builder<C> {

        private final List<Registered<C>> gates = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        /**
         * Appends a gate; its {@link Gate#name()} is read now and kept.
         *
         * @throws GateException if the name is invalid or already registered
         */
        public Builder<C> add(Gate<? super C> gate) {
            Objects.requireNonNull(gate, "gate");
            String name = GateIds.require("gate name", gate.name());
            if (!names.add(name)) {
                throw new GateException(GateException.Reason.DUPLICATE_GATE_NAME,
                        "a gate named '" + name + "' is already registered; gate names must be unique so a"
                                + " denial names exactly one gate. Rename one of them");
            }
            gates.add(new Registered<>(name, gate));
            return this;
        }

        /** The set of the gates added so far; the builder may be reused afterwards. */
        public GateSet<C> build() {
            return new GateSet<>(gates);
        }
    }
}
