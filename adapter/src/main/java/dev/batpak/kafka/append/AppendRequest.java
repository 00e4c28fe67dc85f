package dev.batpak.kafka.append;

import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import java.util.Objects;

/**
 * What a client gate sees: one proposed append, before anything is sent. Client gates are pure
 * predicates over it; gates that need the stream's state run in the sequencer instead.
 *
 * @param coordinate where the event would go
 * @param kind its kind
 * @param payload its payload
 * @param options its options
 * @param lane the lane it would go to
 */
public record AppendRequest(Coordinate coordinate, EventKind kind, Payload payload, AppendOptions options, int lane) {

    /** Validates. */
    public AppendRequest {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(options, "options");
    }
}
