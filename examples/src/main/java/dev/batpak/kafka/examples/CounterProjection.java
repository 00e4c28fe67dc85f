package dev.batpak.kafka.examples;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.projection.Projected;
import dev.batpak.kafka.projection.Projection;
import dev.batpak.kafka.projection.ProjectionApp;
import dev.batpak.kafka.projection.ProjectionConfig;
import dev.batpak.kafka.projection.StateCodec;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An event-sourced counter: a {@link Projection} (built with {@link Projection#of}) that counts
 * the visits of each page, run by a {@link ProjectionApp} (Kafka Streams, RocksDB). After
 * {@code waitFor(receipt, APPLIED)} the projected state already includes the append:
 * read-your-writes on a projection.
 *
 * <p>{@code CounterProjection <bootstrap> <store> <lanes> <state-dir>}.
 */
public final class CounterProjection {

    /** A page was visited. */
    public static final EventKind PAGE_VISITED = EventKind.custom(4, 1);

    /** Counts visits per entity; a pure fold of the entity's events, so every rebuild agrees. */
    public static final Projection<Long> VISITS = Projection.of("page-visits", 1, 0L, Set.of(PAGE_VISITED),
            StateCodec.longs(), (visits, event) -> visits + 1);

    private CounterProjection() {
    }

    /** Starts the projection, records {@code visits} visits of one page and returns its projected count. */
    public static Projected<Long> run(String bootstrap, String store, int lanes, Path stateDir, int visits) {
        Projection<Long> projection = VISITS;
        ProjectionConfig config = ProjectionConfig.builder(bootstrap, store, "examples").stateDir(stateDir).build();
        try (ProjectionApp app = new ProjectionApp(config, List.of(projection));
                EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(lanes).build())) {
            app.start(Duration.ofSeconds(60));
            Coordinate page = Coordinate.of("page:pricing-" + System.nanoTime(), "web");
            AppendReceipt last = null;
            for (int i = 0; i < visits; i++) {
                last = events.append(page, PAGE_VISITED, Payload.json("{\"visit\":" + i + "}"));
            }
            events.waitFor(last, Stage.APPLIED, Duration.ofSeconds(30));
            Projected<Long> projected = app.project(projection, page.entity()).orElseThrow();
            System.out.println(page.entity() + " visited " + projected.state() + " times (at " + projected.position()
                    + ")");
            return projected;
        }
    }

    /** {@code CounterProjection <bootstrap> <store> <lanes> <state-dir>}. */
    public static void main(String[] args) {
        run(args[0], args[1], Integer.parseInt(args[2]), Path.of(args[3]), 3);
    }
}
