package dev.batpak.kafka.reactor;

import java.util.List;

/**
 * Everything a reactor answers one source event with: reactions (appended to the store as
 * proposals) and outbox records (written to external topics), all committed in one exactly-once
 * transaction with the reactor's input position, or none of them.
 *
 * @param reactions the reactions, in order (their index is part of their idempotency key)
 * @param outbox the outbox records, in order
 */
public record ReactorOutput(List<Reaction> reactions, List<OutboxRecord> outbox) {

    /** Nothing. */
    public static final ReactorOutput NONE = new ReactorOutput(List.of(), List.of());

    /** Validates and copies (no null elements). */
    public ReactorOutput {
        reactions = List.copyOf(reactions);
        outbox = List.copyOf(outbox);
    }

    /** Reactions only. */
    public static ReactorOutput of(List<Reaction> reactions) {
        return new ReactorOutput(reactions, List.of());
    }

    /** Reactions and outbox records. */
    public static ReactorOutput of(List<Reaction> reactions, List<OutboxRecord> outbox) {
        return new ReactorOutput(reactions, outbox);
    }
}
