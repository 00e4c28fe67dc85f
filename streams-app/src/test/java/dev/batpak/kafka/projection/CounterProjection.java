package dev.batpak.kafka.projection;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.StoredEvent;
import java.util.Set;

/**
 * The example event-sourced counter: {@link #INCREMENTED} adds one, {@link #DECREMENTED}
 * subtracts one; every other kind is irrelevant. A pure fold, so every rebuild agrees.
 */
record CounterProjection(int schemaVersion) implements Projection<Long> {

    static final EventKind INCREMENTED = EventKind.custom(2, 1);
    static final EventKind DECREMENTED = EventKind.custom(2, 2);
    static final EventKind RENAMED = EventKind.custom(2, 3);

    static CounterProjection v1() {
        return new CounterProjection(1);
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public Long initialState() {
        return 0L;
    }

    @Override
    public Long apply(Long state, StoredEvent event) {
        return event.kind().equals(INCREMENTED) ? state + 1 : state - 1;
    }

    @Override
    public Set<EventKind> relevantKinds() {
        return Set.of(INCREMENTED, DECREMENTED);
    }

    @Override
    public StateCodec<Long> codec() {
        return StateCodec.longs();
    }
}
