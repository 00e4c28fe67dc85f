package dev.batpak.kafka.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of a {@link Pipeline} commit: the payload that was written, the metadata the
 * caller's write returned (typically built from an append receipt), and, for a bypassed write,
 * its {@link BypassAudit}.
 *
 * <p>Not a record, so that only the pipeline can make one: a {@code Committed} without an audit
 * therefore always means the gates ran and passed.
 *
 * @param <T> the payload type
 * @param <M> the caller's commit metadata type
 */
public final class Committed<T, M> {

    private final T payload;
    private final M metadata;
    private final Optional<BypassAudit> bypassAudit;

    Committed(T payload, M metadata, Optional<BypassAudit> bypassAudit) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.bypassAudit = Objects.requireNonNull(bypassAudit, "bypassAudit");
    }

    /** The payload that was written. */
    public T payload() {
        return payload;
    }

    /** What the caller's commit function returned. */
    public M metadata() {
        return metadata;
    }

    /** The bypass record, present exactly when the gates were skipped. */
    public Optional<BypassAudit> bypassAudit() {
        return bypassAudit;
    }

    /** True when this write skipped the gates. */
    public boolean bypassed() {
        return bypassAudit.isPresent();
    }

    /** Shows the metadata and the bypass, not the payload. */
    @Override
    public String toString() {
        return "Committed[metadata=" + metadata + ", bypassAudit=" + bypassAudit.map(Object::toString).orElse("none")
                + "]";
    }
}
