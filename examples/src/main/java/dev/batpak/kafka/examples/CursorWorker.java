package dev.batpak.kafka.examples;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.cursor.Cursor;
import dev.batpak.kafka.cursor.CursorAction;
import dev.batpak.kafka.cursor.CursorBatch;
import dev.batpak.kafka.read.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor worker with a checkpoint: it pulls the visible events of a region in commit order per
 * lane, handles each, and the cursor checkpoints after every batch (a consumer-group commit that
 * carries the region's identity). A worker restarted under the same checkpoint id resumes after
 * the last checkpointed event; under another region it is refused.
 *
 * <p>{@code CursorWorker <bootstrap> <store> <lanes> <checkpoint-id> <entity-prefix>}.
 */
public final class CursorWorker {

    private CursorWorker() {
    }

    /**
     * Runs one worker session: handles events of {@code region} until {@code max} were handled
     * or {@code idle} passes without any, then closes (the checkpoint stays in Kafka).
     *
     * @return the events handled, in the order handled
     */
    public static List<StoredEvent> drain(String bootstrap, String store, int lanes, String checkpointId,
            Region region, int max, Duration idle) {
        List<StoredEvent> handled = new ArrayList<>();
        try (Cursor cursor = Cursor.open(bootstrap, store, lanes, checkpointId, region, Duration.ofSeconds(30))) {
            long quietSince = System.nanoTime();
            while (handled.size() < max && System.nanoTime() - quietSince < idle.toNanos()) {
                CursorBatch batch = cursor.poll(Duration.ofMillis(200), event -> {
                    handled.add(event);
                    return handled.size() < max ? CursorAction.CONTINUE : CursorAction.STOP;
                });
                if (batch.delivered() > 0) {
                    quietSince = System.nanoTime();
                }
            }
        }
        return handled;
    }

    /** {@code CursorWorker <bootstrap> <store> <lanes> <checkpoint-id> <entity-prefix>}. */
    public static void main(String[] args) {
        for (StoredEvent event : drain(args[0], args[1], Integer.parseInt(args[2]), args[3], Region.entity(args[4]),
                Integer.MAX_VALUE, Duration.ofSeconds(2))) {
            System.out.println(event.lane() + "/" + event.journalOffset() + " " + event.coordinate() + " clock "
                    + event.clock());
        }
    }
}
