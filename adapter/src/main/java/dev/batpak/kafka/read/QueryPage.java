package dev.batpak.kafka.read;

import java.util.List;
import java.util.Objects;

/**
 * One page of a region query: visible events in order, and where the next page resumes.
 *
 * <p>Order: within a lane, commit (journal offset) order; across lanes, by {@code (hlc, lane)}.
 * {@code next} is exclusive: passing it to {@code queryAfter} never repeats an event of this or an
 * earlier page. {@code complete} means that when the page was cut no further matching event was
 * in the index; more may become visible later, and {@code next} still finds them.
 *
 * @param events the events of the page, at most the requested limit
 * @param next the position to resume after this page
 * @param complete true if the index held no further matching event when the page was cut
 */
public record QueryPage(List<StoredEvent> events, QueryPosition next, boolean complete) {

    /** Validates and copies. */
    public QueryPage {
        events = List.copyOf(events);
        Objects.requireNonNull(next, "next");
    }

    /** True if another page may hold matching events now ({@code !complete}). */
    public boolean hasMore() {
        return !complete;
    }
}
