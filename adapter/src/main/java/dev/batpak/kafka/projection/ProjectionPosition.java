package dev.batpak.kafka.projection;

/**
 * The position a projected state reflects: the last event folded into it.
 *
 * @param lane the lane (journal partition) of that event
 * @param journalOffset its offset in the journal partition
 * @param proposalOffset the offset of the proposal it was sealed from (the frontier's axis)
 */
public record ProjectionPosition(int lane, long journalOffset, long proposalOffset) {

    /** Validates. */
    public ProjectionPosition {
        if (lane < 0 || journalOffset < 0 || proposalOffset < 0) {
            throw new IllegalArgumentException("a projection position has a lane and offsets >= 0, got lane " + lane
                    + ", journal offset " + journalOffset + ", proposal offset " + proposalOffset);
        }
    }

    /** A validated position. */
    public static ProjectionPosition of(int lane, long journalOffset, long proposalOffset) {
        return new ProjectionPosition(lane, journalOffset, proposalOffset);
    }
}
