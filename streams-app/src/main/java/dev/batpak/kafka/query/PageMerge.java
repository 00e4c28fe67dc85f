package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.KindFilter;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts one page out of the lanes' scans. Pure: the law is pinned by property tests.
 *
 * <p>Every candidate is ordered by {@code (hlc, lane)}. A lane whose scan stopped early (limit or
 * budget) has not shown what follows its last scanned entry, whose HLC is its <em>horizon</em>:
 * the page takes candidates in order, only up to the lowest horizon and at most {@code limit}.
 * Because each lane's HLCs increase in commit order, every event of the page then precedes, in
 * {@code (hlc, lane)} order, every matching event not yet returned; so the pages of a region,
 * read one after another over an index that does not change, are exactly the {@code (hlc, lane)}
 * merge of the lanes, each event once.
 *
 * <p>The next position moves a lane to its last returned event or, when every candidate of the
 * lane was returned, to its last scanned entry (so a sparse region still makes progress past
 * entries that did not match).
 */
public final class PageMerge {

    /** Orders events by {@code (hlc, lane)}; one lane's HLCs are distinct, so this is total. */
    public static final Comparator<StoredEvent> ORDER = Comparator.<StoredEvent>comparingLong(e -> e.hlc().packed())
            .thenComparingInt(StoredEvent::lane);

    private PageMerge() {
    }

    /**
     * True if {@code region} selects {@code event}. Denials ({@code SYSTEM_DENIAL}) are journal
     * records but not visible events: they are selected only when the kind filter asks for them
     * (the exact kind, or the system category 0), never by a region with any kind.
     */
    public static boolean selects(Region region, StoredEvent event) {
        if (!region.matches(event.coordinate(), event.kind(), event.clock(), event.lane())) {
            return false;
        }
        return !event.kind().equals(EventKind.SYSTEM_DENIAL) || !(region.fact() instanceof KindFilter.Any);
    }

    /** The page of at most {@code limit} events from {@code scans}, resuming after {@code from}. */
    public static QueryPage merge(List<LaneScan> scans, QueryPosition from, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        long horizonHlc = Long.MAX_VALUE;
        int horizonLane = Integer.MAX_VALUE;
        List<StoredEvent> all = new ArrayList<>();
        for (LaneScan scan : scans) {
            all.addAll(scan.candidates());
            if (!scan.exhausted() && (scan.lastHlc() < horizonHlc
                    || (scan.lastHlc() == horizonHlc && scan.lane() < horizonLane))) {
                horizonHlc = scan.lastHlc();
                horizonLane = scan.lane();
            }
        }
        all.sort(ORDER);
        List<StoredEvent> page = new ArrayList<>();
        Map<Integer, Integer> taken = new HashMap<>();
        for (StoredEvent event : all) {
            if (page.size() == limit) {
                break;
            }
            long hlc = event.hlc().packed();
            if (hlc > horizonHlc || (hlc == horizonHlc && event.lane() > horizonLane)) {
                break;
            }
            page.add(event);
            taken.merge(event.lane(), 1, Integer::sum);
        }
        QueryPosition next = from;
        boolean complete = true;
        for (LaneScan scan : scans) {
            int count = taken.getOrDefault(scan.lane(), 0);
            boolean allTaken = count == scan.candidates().size();
            if (allTaken && scan.lastOffset() >= 0) {
                next = next.advance(scan.lane(), scan.lastOffset());
            } else if (count > 0) {
                next = next.advance(scan.lane(), scan.candidates().get(count - 1).journalOffset());
            }
            complete &= allTaken && scan.exhausted();
        }
        return new QueryPage(page, next, complete);
    }
}
