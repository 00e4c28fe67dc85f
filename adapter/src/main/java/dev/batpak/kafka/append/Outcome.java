package dev.batpak.kafka.append;

import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.GateEvaluation;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.receipt.CommitReceipt;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a wait on an append learnt. Before {@link Stage#VISIBLE} the decision is not readable
 * yet, so the answer is {@link Proposed}; from {@code VISIBLE} on it is the sequencer's decision:
 * {@link Committed} with a signed receipt, or {@link Denied} with the full trace (itself a journal
 * event, as verifiable as an accepted one).
 */
public sealed interface Outcome permits Outcome.Proposed, Outcome.Committed, Outcome.Denied {

    /** The append receipt the outcome is for. */
    AppendReceipt appendReceipt();

    /**
     * The proposal passed {@code reached} but its decision is not readable yet.
     *
     * @param appendReceipt the append receipt
     * @param reached the stage that was waited for and reached
     */
    record Proposed(AppendReceipt appendReceipt, Stage reached) implements Outcome {
        /** Validates. */
        public Proposed {
            Objects.requireNonNull(appendReceipt, "appendReceipt");
            Objects.requireNonNull(reached, "reached");
        }
    }

    /**
     * The proposal was sealed into its stream.
     *
     * @param appendReceipt the append receipt
     * @param receipt the sequencer's commit receipt (signed when the sequencer has a key)
     * @param event the sealed event
     * @param replayed true when an idempotent retry returned an event sealed earlier
     */
    record Committed(AppendReceipt appendReceipt, CommitReceipt receipt, StoredEvent event, boolean replayed)
            implements Outcome {
        /** Validates. */
        public Committed {
            Objects.requireNonNull(appendReceipt, "appendReceipt");
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The proposal was denied. The denial is a {@code SYSTEM_DENIAL} event on the same stream
     * (or on the quarantine stream for undecodable records).
     *
     * @param appendReceipt the append receipt
     * @param code why: {@code GATE_DENIED}, {@code GATE_DEFECT}, {@code SEQUENCE_MISMATCH},
     *     {@code IDEMPOTENCY_CONFLICT}, {@code BATCH_ABORTED}, ...
     * @param message a sentence saying what was wrong
     * @param context key/value details in the order given (for example expected and actual)
     * @param evaluations every stateful gate's verdict, when gates decided
     * @param proposedEventId the id the proposal carried
     * @param denialEvent the denial event in the journal
     * @param receipt the commit receipt of the denial event
     */
    record Denied(AppendReceipt appendReceipt, String code, String message, List<Map.Entry<String, String>> context,
            List<GateEvaluation> evaluations, EventId proposedEventId, StoredEvent denialEvent, CommitReceipt receipt)
            implements Outcome {
        /** Validates and copies. */
        public Denied {
            Objects.requireNonNull(appendReceipt, "appendReceipt");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            context = List.copyOf(context);
            evaluations = List.copyOf(evaluations);
            Objects.requireNonNull(denialEvent, "denialEvent");
            Objects.requireNonNull(receipt, "receipt");
        }

        /** The context value for {@code key}, or null. */
        public String contextValue(String key) {
            return context.stream().filter(e -> e.getKey().equals(key)).map(Map.Entry::getValue).findFirst()
                    .orElse(null);
        }
    }
}
