package dev.batpak.kafka.testing;

import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * A store on a broker with its topics, a running sequencer and an open {@link EventStore}: the
 * setup the projection, reactor and cursor tests share. Closing it closes the store, then the
 * sequencer.
 */
public final class RunningStore implements AutoCloseable {

    private final SequencerApp sequencer;
    private final EventStore events;

    private RunningStore(SequencerApp sequencer, EventStore events) {
        this.sequencer = sequencer;
        this.events = events;
    }

    /**
     * Creates the topics of {@code store} with {@code lanes} lanes, starts a sequencer with its
     * state under {@code stateDir} and opens an event store.
     */
    public static RunningStore start(String bootstrap, String store, int lanes, Path stateDir, Duration timeout) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, lanes, (short) 1, Duration.ofSeconds(30));
        }
        SequencerApp sequencer = new SequencerApp(SequencerConfig.builder(bootstrap, store).stateDir(stateDir).build());
        try {
            sequencer.start(timeout);
            return new RunningStore(sequencer,
                    EventStore.open(StoreConfig.builder(bootstrap, store).lanes(lanes).build()));
        } catch (RuntimeException e) {
            sequencer.close();
            throw e;
        }
    }

    /** The open event store. */
    public EventStore events() {
        return events;
    }

    @Override
    public void close() {
        events.close();
        sequencer.close();
    }
}
