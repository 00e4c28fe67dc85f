package dev.batpak.kafka.verify;

import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.receipt.EventHashing;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The structure of one {@code (entity, lane)} stream as its events are read in journal order:
 * clocks dense from 0, each prev hash the stored event hash of the event at clock − 1, clock 0
 * with the genesis prev hash.
 *
 * <p>Why two modes: almost every stream is in order, and then a stream needs only its next clock
 * and its head's hash, checked as events arrive. Once an event arrives that is not the next
 * clock (a gap, a reorder, a fork), the rest of the stream is kept and analysed when the walk
 * ends, because only then is it known which events are missing and which merely came late. So
 * memory is spent on broken streams only.
 *
 * <p>Links are checked against the predecessor's <em>stored</em> event hash, not a recomputed
 * one: a changed payload is then one finding at the changed event (its hash does not
 * recompute), not a second one at its successor. A re-sealed change (hashes recomputed by
 * whoever changed it) shows as a broken link at the successor instead.
 */
final class StreamChain {

    private final int lane;
    private final String entity;

    /** In-order mode: the next clock expected, the stored event hash of clock next − 1 and its offset. */
    private long next;
    private byte[] head;
    private long headOffset = -1;

    /** Out-of-order mode: the in-order prefix {@code [0, prefixEnd)} and every later event, in arrival order. */
    private long prefixEnd;
    private byte[] prefixHead;
    private long prefixHeadOffset;
    private List<Link> late;

    /** What the structure checks need of one event. */
    private record Link(long offset, long clock, EventId eventId, byte[] prevHash, byte[] eventHash) {
    }

    StreamChain(int lane, String entity) {
        this.lane = lane;
        this.entity = entity;
    }

    /** Takes the next event of the stream in journal order. {@code clock} is non-negative. */
    void accept(long offset, long clock, EventId eventId, byte[] prevHash, byte[] eventHash, Consumer<Finding> findings) {
        Link link = new Link(offset, clock, eventId, prevHash, eventHash);
        if (late == null && clock == next) {
            checkLink(link, head, headOffset, findings);
            next++;
            head = eventHash;
            headOffset = offset;
            return;
        }
        if (late == null) {
            late = new ArrayList<>();
            prefixEnd = next;
            prefixHead = head;
            prefixHeadOffset = headOffset;
        }
        late.add(link);
    }

    /** Reports what the out-of-order part of the stream, if any, shows. Call once, after the last event. */
    void finish(Consumer<Finding> findings) {
        if (late == null) {
            return;
        }
        // A clock of the in-order prefix, or one already taken by an earlier late event, is a second event at that clock.
        Map<Long, Link> byClock = new HashMap<>();
        List<Link> canonical = new ArrayList<>();
        for (Link link : late) {
            Link taken = byClock.get(link.clock);
            if (link.clock < prefixEnd) {
                findings.accept(finding(FindingCode.DUPLICATE_CLOCK, link, "clock " + link.clock
                        + " of this stream is already taken by an earlier event of the lane (at or before offset "
                        + prefixHeadOffset + "): two events claim one position, a fork"));
            } else if (taken != null) {
                findings.accept(finding(FindingCode.DUPLICATE_CLOCK, link, "clock " + link.clock
                        + " of this stream is already taken by event " + taken.eventId + " at offset " + taken.offset
                        + ": two events claim one position, a fork"));
            } else {
                byClock.put(link.clock, link);
                canonical.add(link);
            }
        }
        reportOutOfOrder(canonical, findings);
        reportGaps(canonical, findings);
        for (Link link : canonical) {
            if (link.clock == prefixEnd) {
                checkLink(link, prefixHead, prefixHeadOffset, findings);
            } else {
                Link predecessor = byClock.get(link.clock - 1);
                if (predecessor != null) {
                    checkLink(link, predecessor.eventHash, predecessor.offset, findings);
                }
            }
        }
    }

    /**
     * Marks the fewest events whose removal leaves the stream in clock order: everything outside
     * one longest increasing subsequence of clocks. Among subsequences of that length the one
     * keeping the most events at their sorted position wins (so a swap of clocks k and j reports
     * those two, not the events between them), then the one keeping earlier records (so of two
     * adjacent clocks read the wrong way round, the one read second is reported).
     */
    private void reportOutOfOrder(List<Link> links, Consumer<Finding> findings) {
        int n = links.size();
        if (n < 2) {
            return;
        }
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = links.get(i).clock;
        }
        Arrays.sort(sorted);
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(sorted, links.get(i).clock);
        }
        // Weighted LIS over ranks with a Fenwick tree of prefix maxima: weight n + 1 per event
        // (length first), + 1 when the event is at its sorted position (tie-break).
        long[] best = new long[n];
        int[] parent = new int[n];
        long[] treeValue = new long[n + 1];
        int[] treeIndex = new int[n + 1];
        Arrays.fill(treeIndex, -1);
        for (int i = 0; i < n; i++) {
            long value = 0;
            int from = -1;
            for (int r = rank[i]; r > 0; r -= r & -r) {
                if (treeIndex[r] >= 0 && better(treeValue[r], treeIndex[r], value, from)) {
                    value = treeValue[r];
                    from = treeIndex[r];
                }
            }
            best[i] = value + n + 1 + (rank[i] == i ? 1 : 0);
            parent[i] = from;
            for (int r = rank[i] + 1; r <= n; r += r & -r) {
                if (treeIndex[r] < 0 || better(best[i], i, treeValue[r], treeIndex[r])) {
                    treeValue[r] = best[i];
                    treeIndex[r] = i;
                }
            }
        }
        int end = 0;
        for (int i = 1; i < n; i++) {
            if (better(best[i], i, best[end], end)) {
                end = i;
            }
        }
        boolean[] inOrder = new boolean[n];
        for (int i = end; i >= 0; i = parent[i]) {
            inOrder[i] = true;
        }
        // For the message: the highest clock read before each event and the lowest read after it.
        int[] maxBefore = new int[n];
        int[] minAfter = new int[n];
        for (int i = 0, max = -1; i < n; i++) {
            maxBefore[i] = max;
            if (max < 0 || links.get(i).clock > links.get(max).clock) {
                max = i;
            }
        }
        for (int i = n - 1, min = -1; i >= 0; i--) {
            minAfter[i] = min;
            if (min < 0 || links.get(i).clock < links.get(min).clock) {
                min = i;
            }
        }
        for (int i = 0; i < n; i++) {
            if (inOrder[i]) {
                continue;
            }
            Link link = links.get(i);
            int before = maxBefore[i];
            String message;
            if (before >= 0 && links.get(before).clock > link.clock) {
                Link other = links.get(before);
                message = "clock " + link.clock + " is read after clock " + other.clock + " (offset " + other.offset
                        + ") of the same stream: the journal has the stream's events out of order";
            } else {
                Link other = links.get(minAfter[i]);
                message = "clock " + link.clock + " is read before clock " + other.clock + " (offset " + other.offset
                        + ") of the same stream: the journal has the stream's events out of order";
            }
            findings.accept(finding(FindingCode.CLOCK_OUT_OF_ORDER, link, message));
        }
    }

    /** Whether {@code (value, index)} beats {@code (otherValue, otherIndex)}: higher value, then earlier record. */
    private static boolean better(long value, int index, long otherValue, int otherIndex) {
        return otherIndex < 0 || value > otherValue || (value == otherValue && index < otherIndex);
    }

    /** Reports each run of missing clocks at the event with the next clock present. */
    private void reportGaps(List<Link> links, Consumer<Finding> findings) {
        List<Link> byClock = new ArrayList<>(links);
        byClock.sort((a, b) -> Long.compare(a.clock, b.clock));
        long expected = prefixEnd;
        for (Link link : byClock) {
            if (link.clock > expected) {
                String missing = link.clock - 1 == expected ? "clock " + expected : "clocks " + expected + ".." + (link.clock - 1);
                findings.accept(finding(FindingCode.CLOCK_GAP, link, missing + " of this stream "
                        + (link.clock - 1 == expected ? "is" : "are") + " missing from the journal before clock "
                        + link.clock + ": " + (link.clock - expected == 1 ? "an event was" : "events were")
                        + " lost or removed"));
            }
            expected = link.clock + 1;
        }
    }

    private void checkLink(Link link, byte[] predecessorHash, long predecessorOffset, Consumer<Finding> findings) {
        if (link.clock == 0) {
            if (!EventHashing.isGenesisPrevHash(link.prevHash)) {
                findings.accept(finding(FindingCode.BAD_GENESIS, link, "the stream's first event (clock 0) must carry the"
                        + " genesis prev hash (32 zero bytes), it carries " + Hex.of(link.prevHash)));
            }
        } else if (!MessageDigest.isEqual(link.prevHash, predecessorHash)) {
            findings.accept(finding(FindingCode.BROKEN_LINK, link, "prevHash " + Hex.of(link.prevHash)
                    + " is not the event hash " + Hex.of(predecessorHash) + " of clock " + (link.clock - 1)
                    + " at offset " + predecessorOffset
                    + (EventHashing.isGenesisPrevHash(link.prevHash)
                            ? " (it carries the genesis hash although its clock is " + link.clock + ")" : "")));
        }
    }

    private Finding finding(FindingCode code, Link link, String message) {
        return new Finding(code, lane, link.offset, link.eventId, entity, link.clock, message);
    }
}
