package dev.batpak.kafka.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record attached to a commit that skipped its gates: the reason, the pipeline, and which
 * gates were not run.
 *
 * <p>It travels with {@link Committed} so that the caller can persist it with the event (for
 * example as an extension) and a bypassed write stays distinguishable from a gated one.
 *
 * @param reason the approved reason
 * @param pipelineId the pipeline that allowed the bypass, if it has an id
 * @param gatesBypassed the names of the gates that would have run, in order
 */
public record BypassAudit(BypassReason reason, Optional<String> pipelineId, List<String> gatesBypassed) {

    /** Validates and freezes the parts. */
    public BypassAudit {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(pipelineId, "pipelineId (use Optional.empty())");
        gatesBypassed = List.copyOf(gatesBypassed);
    }
}
