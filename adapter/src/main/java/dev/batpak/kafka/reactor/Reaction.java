package dev.batpak.kafka.reactor;

import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import java.util.Objects;

/**
 * One event a reactor proposes in answer to a source event.
 *
 * @param coordinate where it is appended (its entity picks the lane)
 * @param kind its kind (not reserved: the sequencer denies reserved kinds)
 * @param payload its payload
 * @param payloadVersion the payload's version (0 = untyped)
 */
public record Reaction(Coordinate coordinate, EventKind kind, Payload payload, int payloadVersion) {

    /** Validates. */
    public Reaction {
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (payloadVersion < 0 || payloadVersion > 0xFFFF) {
            throw new IllegalArgumentException("a payload version fits 16 bits, got " + payloadVersion);
        }
    }

    /** An untyped reaction (payload version 0). */
    public static Reaction of(Coordinate coordinate, EventKind kind, Payload payload) {
        return new Reaction(coordinate, kind, payload, 0);
    }
}
