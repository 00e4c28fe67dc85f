package dev.batpak.kafka.reactor;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;

/**
 * The idempotency key of a reaction: derived from the reactor's name, the source event id and
 * the reaction's index, so a retried batch proposes the same keys and the sequencer dedupes
 * anything that did get through.
 */
public final class ReactionIds {

    /** The idempotency domain of reactions. */
    public static final String DOMAIN = "batpak.reactor";

    private ReactionIds() {
    }

    /** The key of reaction {@code index} of {@code reactor} to {@code source}. */
    public static IdempotencyKey key(String reactor, EventId source, int index) {
        return IdempotencyKey.forOperation(DOMAIN, reactor, source.toString(), Integer.toString(index));
    }
}
