package dev.batpak.kafka.gate;

import java.util.Objects;

/**
 * A value the caller wants to write, before any gate has looked at it.
 *
 * <p>Wrapping the payload makes the flow visible in types: a {@code Proposal} goes into
 * {@link GateSet#evaluate} or {@link Pipeline#evaluate}, and only a {@link GuardReceipt} (or an
 * audited {@link BypassReceipt}) comes out that {@link Pipeline#commit} accepts. Payloads
 * should be immutable: the receipt freezes the reference the gates saw, not a deep copy.
 *
 * @param payload the proposed value; never null
 * @param <T> the payload type
 */
public record Proposal<T>(T payload) {

    /** Rejects a null payload: there is nothing to gate. */
    public Proposal {
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a payload. */
    public static <T> Proposal<T> of(T payload) {
        return new Proposal<>(payload);
    }
}
