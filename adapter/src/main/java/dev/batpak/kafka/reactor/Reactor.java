package dev.batpak.kafka.reactor;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.util.List;
import java.util.Set;

/**
 * A reactor: consumes visible events of some kinds and answers each with reactions, which the
 * streams app ({@code ReactorApp}) appends as proposals — causation = the source event,
 * correlation inherited, event id = an idempotency key derived from the reactor's name, the
 * source event id and the reaction's index — in the same exactly-once transaction as the
 * reactor's input position. A failure anywhere in a batch commits nothing of it; the batch is
 * retried, and its reactions are appended once.
 *
 * <p>{@link #react} should be deterministic (a retry must propose the same reactions, or the
 * sequencer answers the changed retry with {@code IDEMPOTENCY_CONFLICT}) and must not perform
 * side effects outside Kafka: those would not be rolled back with the batch.
 *
 * <p><b>Outbox.</b> A reactor that also writes to external topics overrides {@link #respond}
 * (returning reactions and {@link OutboxRecord}s) and declares those topics in
 * {@link #outboxTopics()}. Outbox records commit in the same transaction as the reactions and
 * the input position, and the emitted watermark covers them.
 */
public interface Reactor {

    /** The reactor's name: 1 to 64 characters of {@code [a-zA-Z0-9_-]}; part of its reaction ids. */
    String name();

    /** The kinds it reacts to; empty means every kind except system kinds (denials). */
    Set<EventKind> relevantKinds();

    /** The reactions to {@code event}, in order; empty for none. */
    List<Reaction> react(StoredEvent event);

    /**
     * Everything this reactor answers {@code event} with: by default the reactions of
     * {@link #react} and no outbox record. Override it to write outbox records too (then
     * {@link #react} is not called unless the override calls it).
     */
    default ReactorOutput respond(StoredEvent event) {
        return ReactorOutput.of(react(event));
    }

    /**
     * The external topics this reactor may write outbox records to; none by default. They must
     * exist when the reactor starts and lie outside the store's namespace ({@code <store>.*}).
     */
    default Set<String> outboxTopics() {
        return Set.of();
    }

    /** True when this reactor reacts to events of {@code kind}. */
    default boolean isRelevant(EventKind kind) {
        Set<EventKind> kinds = relevantKinds();
        return kinds.isEmpty() ? !kind.isSystem() : kinds.contains(kind);
    }
}
