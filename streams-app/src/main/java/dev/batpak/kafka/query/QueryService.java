package dev.batpak.kafka.query;

import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.read.EventNotFoundException;
import dev.batpak.kafka.read.IndexStatus;
import dev.batpak.kafka.read.QueryClient;
import dev.batpak.kafka.read.QueryException;
import dev.batpak.kafka.read.QueryPage;
import dev.batpak.kafka.read.QueryPosition;
import dev.batpak.kafka.read.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Answers region queries, point reads and index status from the query index of every lane: this
 * instance's lanes from its stores, other instances' lanes over their internal routes. A page is
 * cut by {@link PageMerge} from one {@link LaneScan} per selected lane.
 */
public final class QueryService {

    /** The largest page served. */
    public static final int MAX_LIMIT = QueryClient.MAX_LIMIT;

    /** Where the lanes' indexes are. */
    public interface Lanes {

        /**
         * How many lanes the store has.
         *
         * @throws QueryException {@code QUERY_UNAVAILABLE} if it cannot be found out now
         */
        int count();

        /**
         * Every lane some instance owns now, local ones as {@link LocalLane}.
         *
         * @throws QueryException {@code QUERY_UNAVAILABLE} if the index cannot be queried now
         */
        SortedMap<Integer, LaneSource> owned();

        /**
         * This instance's lanes only.
         *
         * @throws QueryException {@code QUERY_UNAVAILABLE} if the index cannot be queried now
         */
        SortedMap<Integer, LocalLane> local();
    }

    private final Lanes lanes;

    /** A service over {@code lanes}. */
    public QueryService(Lanes lanes) {
        this.lanes = Objects.requireNonNull(lanes, "lanes");
    }

    /**
     * The page of {@code region} after {@code after}.
     *
     * @throws QueryException {@code INVALID_QUERY} for a bad limit or a lane the store does not
     *     have; {@code QUERY_UNAVAILABLE} if a selected lane is owned by no instance right now
     */
    public QueryPage page(Region region, QueryPosition after, int limit) {
        checkLimit(limit);
        int count = lanes.count();
        List<Integer> selected = new ArrayList<>();
        if (region.lane().isPresent()) {
            int lane = region.lane().getAsInt();
            if (lane >= count) {
                throw new QueryException(QueryException.INVALID_QUERY, "lane " + lane + " does not exist: the store has "
                        + count + " lane(s), numbered from 0");
            }
            selected.add(lane);
        } else {
            for (int lane = 0; lane < count; lane++) {
                selected.add(lane);
            }
        }
        Map<Integer, LaneSource> owned = lanes.owned();
        List<LaneScan> scans = new ArrayList<>(selected.size());
        for (int lane : selected) {
            scans.add(require(owned, lane).scan(region, after.after(lane), limit));
        }
        return PageMerge.merge(scans, after, limit);
    }

    /**
     * The indexed event with {@code id}.
     *
     * @throws EventNotFoundException if no lane's index holds it
     */
    public StoredEvent get(EventId id) {
        Map<Integer, LaneSource> owned = lanes.owned();
        for (int lane = 0, count = lanes.count(); lane < count; lane++) {
            Optional<StoredEvent> event = require(owned, lane).get(id);
            if (event.isPresent()) {
                return event.get();
            }
        }
        throw new EventNotFoundException(id);
    }

    /** How far every lane's index has read. */
    public IndexStatus status() {
        Map<Integer, LaneSource> owned = lanes.owned();
        SortedMap<Integer, Long> next = new TreeMap<>();
        SortedMap<Integer, Long> skipped = new TreeMap<>();
        for (int lane = 0, count = lanes.count(); lane < count; lane++) {
            long[] progress = require(owned, lane).progress();
            next.put(lane, progress[0]);
            skipped.put(lane, progress[1]);
        }
        return new IndexStatus(next, skipped);
    }

    /**
     * This instance's index of {@code lane}, for the internal routes.
     *
     * @throws QueryException {@code QUERY_UNAVAILABLE} if this instance does not own the lane now
     */
    public LocalLane local(int lane) {
        LocalLane local = lanes.local().get(lane);
        if (local == null) {
            throw new QueryException(QueryException.UNAVAILABLE, "this instance does not own lane " + lane
                    + " now (it moved in a rebalance); retry");
        }
        return local;
    }

    /**
     * Rejects limits outside {@code 1..MAX_LIMIT}.
     *
     * @throws QueryException {@code INVALID_QUERY}
     */
    public static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException(QueryException.INVALID_QUERY, "limit must be in 1.." + MAX_LIMIT + ", got "
                    + limit + "; page with the returned position for more");
        }
    }

    private static LaneSource require(Map<Integer, LaneSource> owned, int lane) {
        LaneSource source = owned.get(lane);
        if (source == null) {
            throw new QueryException(QueryException.UNAVAILABLE, "no instance owns lane " + lane + " right now"
                    + " (starting or rebalancing); retry");
        }
        return source;
    }
}
