package dev.batpak.kafka.append;

import dev.batpak.kafka.id.EventId;
import java.util.Objects;

/**
 * The primary cause of a batch item: none, an existing event, or an earlier item of the same
 * batch (resolved to that item's event id before anything is sent).
 */
public sealed interface CausationRef {

    /** No cause from the batch item itself (the item's options may still name causes). */
    record None() implements CausationRef {
    }

    /**
     * An existing event.
     *
     * @param eventId the cause's id
     */
    record Absolute(EventId eventId) implements CausationRef {
        /** Validates. */
        public Absolute {
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * An earlier item of the same batch. A forward or self reference is refused with
     * {@code InvalidCausationException}.
     *
     * @param index the earlier item's index
     */
    record PriorItem(int index) implements CausationRef {
        /** Validates. */
        public PriorItem {
            if (index < 0) {
                throw new IllegalArgumentException("prior item index " + index + " is negative");
            }
        }
    }

    /** No cause. */
    static CausationRef none() {
        return new None();
    }

    /** An existing event. */
    static CausationRef event(EventId eventId) {
        return new Absolute(eventId);
    }

    /** An earlier item of the same batch. */
    static CausationRef priorItem(int index) {
        return new PriorItem(index);
    }
}
