package dev.batpak.kafka.append;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import java.util.Objects;

/**
 * One item of an atomic batch.
 *
 * @param coordinate where the event goes
 * @param kind its kind (reserved kinds are refused)
 * @param payload its payload
 * @param options per-item options (idempotency key, expected sequence, correlation, causes,
 *     lane, extensions, flags, payload version); a durability gate here is ignored — the batch's
 *     own gate applies
 * @param cause the primary cause, possibly an earlier item of the batch
 */
public record BatchItem(Coordinate coordinate, EventKind kind, Payload payload, AppendOptions options,
        CausationRef cause) {

    /** Validates. */
    public BatchItem {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(cause, "cause");
    }

    /** An item with no options and no cause. */
    public static BatchItem of(Coordinate coordinate, EventKind kind, Payload payload) {
        return new BatchItem(coordinate, kind, payload, AppendOptions.none(), CausationRef.none());
    }

    /** This item with {@code newOptions}. */
    public BatchItem withOptions(AppendOptions newOptions) {
        return new BatchItem(coordinate, kind, payload, newOptions, cause);
    }

    /** This item caused by an earlier item of the batch. */
    public BatchItem causedByItem(int index) {
        return new BatchItem(coordinate, kind, payload, options, CausationRef.priorItem(index));
    }

    /** This item caused by an existing event. */
    public BatchItem causedBy(dev.batpak.kafka.id.EventId eventId) {
        return new BatchItem(coordinate, kind, payload, options, CausationRef.event(eventId));
    }
}
