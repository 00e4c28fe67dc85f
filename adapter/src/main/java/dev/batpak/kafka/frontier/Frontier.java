package dev.batpak.kafka.frontier;

import java.util.List;

/**
 * A snapshot of every lane's watermarks. The global frontier of a store is this vector of lanes,
 * never a maximum across lanes: a maximum is not a prefix of anything.
 *
 * @param lanes one entry per lane, indexed by lane number
 */
public record Frontier(List<LaneFrontier> lanes) {

    /** Copies the list and checks that entry {@code i} describes lane {@code i}. */
    public Frontier {
        lanes = List.copyOf(lanes);
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).lane() != i) {
                throw new IllegalFrontierException("entry " + i + " describes lane " + lanes.get(i).lane());
            }
        }
    }

    /** One lane's watermarks; the lane must exist. */
    public LaneFrontier lane(int lane) {
        if (lane < 0 || lane >= lanes.size()) {
            throw new IllegalArgumentException("lane " + lane + " does not exist: the store has " + lanes.size()
                    + " lanes (0.." + (lanes.size() - 1) + ")");
        }
        return lanes.get(lane);
    }
}
