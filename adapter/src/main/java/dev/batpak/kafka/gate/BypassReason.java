package dev.batpak.kafka.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a proposal is being written without running its gates, and who approved it.
 *
 * <p>Bypasses exist for operations the gates were not written for (a data repair, a migration,
 * an incident fix); requiring a name and a justification up front means every bypassed write
 * carries, in its {@link BypassAudit}, an answer to "why was this allowed?".
 *
 * @param name a short id of the bypass policy or ticket (printable ASCII, e.g. {@code INC-4711})
 * @param justification why the gates do not apply, for a person; never blank
 * @param approvedBy who approved, when an approval was required
 */
public record BypassReason(String name, String justification, Optional<String> approvedBy) {

    /** Validates every part. */
    public BypassReason {
        if (name == null || name.isBlank()) {
            throw invalid("a bypass needs a name (the policy or ticket that allows it)");
        }
        try {
            GateIds.require("bypass name", name);
        } catch (GateException e) {
            throw invalid(e.getMessage());
        }
        if (justification == null || justification.isBlank()) {
            throw invalid("bypass '" + name + "' needs a justification: say why the gates do not apply");
        }
        Objects.requireNonNull(approvedBy, "approvedBy (use Optional.empty())");
        if (approvedBy.isPresent() && approvedBy.get().isBlank()) {
            throw invalid("bypass '" + name + "' names a blank approver; leave approvedBy empty or name who approved");
        }
    }

    /** A reason without an approver. */
    public static BypassReason of(String name, String justification) {
        return new BypassReason(name, justification, Optional.empty());
    }

    /** A reason with the approver's name. */
    public static BypassReason approved(String name, String justification, String approvedBy) {
        return new BypassReason(name, justification, Optional.of(Objects.requireNonNull(approvedBy, "approvedBy")));
    }

    private static GateException invalid(String rule) {
        return new GateException(GateException.Reason.INVALID_BYPASS_REASON, "invalid bypass reason: " + rule);
    }
}
