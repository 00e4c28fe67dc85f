package dev.batpak.kafka.graph;

import dev.batpak.kafka.id.EventId;
import java.util.Objects;

/**
 * Why an ancestry walk along the hash chain stopped (batpak-model §5.2).
 */
public sealed interface WalkBoundary permits WalkBoundary.ReachedGenesis, WalkBoundary.LimitReached,
        WalkBoundary.MissingParent, WalkBoundary.Cycle, WalkBoundary.NoAnchor {

    /** The stable name used on the wire: {@code ReachedGenesis}, {@code LimitReached}, ... */
    String name();

    /** The walk is complete: the last event is the first of its stream. */
    record ReachedGenesis() implements WalkBoundary {
        @Override
        public String name() {
            return "ReachedGenesis";
        }
    }

    /** The limit was reached with more ancestors left; the page's continuation resumes the walk. */
    record LimitReached() implements WalkBoundary {
        @Override
        public String name() {
            return "LimitReached";
        }
    }

    /**
     * The predecessor of {@code child} is not in the graph (a truncated journal, or a store that is
     * still restoring).
     *
     * @param child the last event reached
     */
    record MissingParent(EventId child) implements WalkBoundary {
        /** Validates. */
        public MissingParent {
            Objects.requireNonNull(child, "child");
        }

        @Override
        public String name() {
            return "MissingParent";
        }
    }

    /**
     * The chain came back to {@code eventId}: the graph is corrupt.
     *
     * @param eventId the event met twice
     */
    record Cycle(EventId eventId) implements WalkBoundary {
        /** Validates. */
        public Cycle {
            Objects.requireNonNull(eventId, "eventId");
        }

        @Override
        public String name() {
            return "Cycle";
        }
    }

    /** The anchor is unknown, or the limit was 0. */
    record NoAnchor() implements WalkBoundary {
        @Override
        public String name() {
            return "NoAnchor";
        }
    }
}
