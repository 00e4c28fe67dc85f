package dev.batpak.kafka.frontier;

import java.util.EnumMap;
import java.util.Map;

/**
 * One lane's six watermarks. Each value is an exclusive proposal offset: every proposal of the
 * lane with an offset below it has passed the stage. The factory refuses a state that breaks the
 * order of stages (see {@link Stage}), so a {@code LaneFrontier} that exists is a legal one.
 *
 * @param lane the lane (partition number)
 * @param written proposals below this offset are in the leader's log
 * @param durable proposals below this offset are replicated
 * @param accepted proposals below this offset are decided by the sequencer
 * @param visible decisions for proposals below this offset are readable
 * @param applied every projection includes the events below this offset
 * @param emitted everything derived from the events below this offset is committed
 */
public record LaneFrontier(int lane, long written, long durable, long accepted, long visible, long applied,
        long emitted) {

    /** Validates the stage order; throws {@link IllegalFrontierException} naming the broken rule. */
    public LaneFrontier {
        if (lane < 0) {
            throw new IllegalFrontierException("lane " + lane + " is negative");
        }
        requireNonNegative(lane, "applied", applied);
        requireNonNegative(lane, "emitted", emitted);
        requireAtLeast(lane, "written", written, "durable", durable);
        requireAtLeast(lane, "durable", durable, "accepted", accepted);
        requireAtLeast(lane, "accepted", accepted, "visible", visible);
        requireAtLeast(lane, "visible", visible, "applied", applied);
        requireAtLeast(lane, "visible", visible, "emitted", emitted);
    }

    /** A lane where nothing has passed any stage. */
    public static LaneFrontier origin(int lane) {
        return new LaneFrontier(lane, 0, 0, 0, 0, 0, 0);
    }

    /** The watermark of one stage. */
    public long get(Stage stage) {
        return switch (stage) {
            case WRITTEN -> written;
            case DURABLE -> durable;
            case ACCEPTED -> accepted;
            case VISIBLE -> visible;
            case APPLIED -> applied;
            case EMITTED -> emitted;
        };
    }

    /** True when the proposal at {@code proposalOffset} has passed {@code stage}. */
    public boolean covers(Stage stage, long proposalOffset) {
        return get(stage) > proposalOffset;
    }

    /** The six values by stage, in stage order. */
    public Map<Stage, Long> asMap() {
        Map<Stage, Long> map = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            map.put(stage, get(stage));
        }
        return map;
    }

    private static void requireNonNegative(int lane, String name, long value) {
        if (value < 0) {
            throw new IllegalFrontierException("lane " + lane + ": " + name + " = " + value + " is negative");
        }
    }

    private static void requireAtLeast(int lane, String higherName, long higher, String lowerName, long lower) {
        if (higher < lower) {
            throw new IllegalFrontierException("lane " + lane + ": " + higherName + " = " + higher
                    + " is behind " + lowerName + " = " + lower + " (a stage never runs ahead of the one it follows)");
        }
    }
}
