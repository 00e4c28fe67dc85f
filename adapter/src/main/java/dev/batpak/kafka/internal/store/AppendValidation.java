package dev.batpak.kafka.internal.store;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.BatchItem;
import dev.batpak.kafka.append.BatchTooLargeException;
import dev.batpak.kafka.append.CausationRef;
import dev.batpak.kafka.append.IdempotencyPartialBatchException;
import dev.batpak.kafka.append.InvalidCausationException;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.append.PayloadTooLargeException;
import dev.batpak.kafka.append.ReservedKindException;
import dev.batpak.kafka.append.UnknownLaneException;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks an append passes on the caller's thread, before anything is sent. Each failure is a
 * typed exception that says what was wrong; nothing reaches Kafka.
 */
public final class AppendValidation {

    private AppendValidation() {
    }

    /**
     * Checks one append (or batch item {@code index}, or -1) and returns its lane.
     */
    public static int validate(Coordinate coordinate, EventKind kind, Payload payload, AppendOptions options,
            StoreConfig config, int index) {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        String where = index >= 0 ? "batch item " + index + ": " : "";
        if (kind.isReserved()) {
            throw new ReservedKindException(where + "kind " + kind + " is in the reserved "
                    + (kind.isSystem() ? "system" : "effect") + " category, which only the store writes;"
                    + " use a product category (0x1-0xC, 0xE, 0xF)");
        }
        long size = sizeOf(payload, options);
        if (size > config.maxPayloadBytes()) {
            throw new PayloadTooLargeException(where + "payload and extensions are " + size + " bytes, over the"
                    + " store's limit of " + config.maxPayloadBytes() + " bytes (kept below the broker's"
                    + " max.message.bytes); store large blobs elsewhere and append a reference");
        }
        if (options.lane().isPresent()) {
            checkLane(options.lane().getAsInt(), config.lanes());
            return options.lane().getAsInt();
        }
        return Lanes.laneOf(coordinate.entity(), config.lanes());
    }

    /** Checks a batch and returns each item's lane. */
    public static int[] validateBatch(List<BatchItem> items, StoreConfig config) {
        Objects.requireNonNull(items, "items");
        if (items.isEmpty()) {
            throw new BatchTooLargeException("a batch needs at least one item");
        }
        if (items.size() > config.maxBatchItems()) {
            throw new BatchTooLargeException("the batch has " + items.size() + " items, over the store's limit of "
                    + config.maxBatchItems() + "; split it");
        }
        int[] lanes = new int[items.size()];
        long bytes = 0;
        int keyed = 0;
        Set<IdempotencyKey> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = Objects.requireNonNull(items.get(i), "batch item " + i);
            lanes[i] = validate(item.coordinate(), item.kind(), item.payload(), item.options(), config, i);
            bytes += sizeOf(item.payload(), item.options());
            if (item.cause() instanceof CausationRef.PriorItem prior && prior.index() >= i) {
                throw new InvalidCausationException("batch item " + i + " names item " + prior.index()
                        + " as its cause: a cause must be an earlier item (no forward or self reference)");
            }
            if (item.cause() instanceof CausationRef.PriorItem prior && lanes[prior.index()] != lanes[i]) {
                // the parts of a cross-lane batch are sealed together, so an item cannot wait for
                // the visibility of an item on another lane of the same batch
                throw new InvalidCausationException("batch item " + i + " (lane " + lanes[i] + ") names item "
                        + prior.index() + " (lane " + lanes[prior.index()] + ") as its cause: within one batch a"
                        + " cause must be on the same lane; append the cause first, then the effect");
            }
            if (item.options().idempotencyKey().isPresent()) {
                keyed++;
                if (!keys.add(item.options().idempotencyKey().get())) {
                    throw new IdempotencyPartialBatchException("batch item " + i + " repeats the idempotency key "
                            + item.options().idempotencyKey().get() + "; every item needs its own key");
                }
            }
        }
        if (keyed != 0 && keyed != items.size()) {
            throw new IdempotencyPartialBatchException(keyed + " of " + items.size() + " batch items carry"
                    + " idempotency keys: a batch is retried as a whole, so give every item a key or none");
        }
        if (bytes > config.maxBatchBytes()) {
            throw new BatchTooLargeException("the batch carries " + bytes + " payload bytes, over the store's limit"
                    + " of " + config.maxBatchBytes() + "; split it");
        }
        return lanes;
    }

    /** Throws {@link UnknownLaneException} unless {@code lane} is one of the store's lanes. */
    public static void checkLane(int lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw new UnknownLaneException("lane " + lane + " does not exist: the store has " + lanes
                    + " lanes (0.." + (lanes - 1) + ")");
        }
    }

    /** Refuses an event that names itself as its cause (possible when the id is a caller's key). */
    public static void checkNotSelfCaused(EventId eventId, List<CausationId> causes) {
        if (causes.contains(CausationId.of(eventId))) {
            throw new InvalidCausationException("event " + eventId + " names itself as its cause");
        }
    }

    private static long sizeOf(Payload payload, AppendOptions options) {
        long size = payload.size();
        for (Map.Entry<String, byte[]> e : options.extensions().entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        return size;
    }
}
