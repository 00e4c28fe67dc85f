package dev.batpak.kafka.read;

import dev.batpak.kafka.BatpakException;

/**
 * A region query could not be answered. {@link #code()} says why: {@link #INVALID_QUERY} (the
 * request is malformed: fix it), {@link #UNAVAILABLE} (the index is not queryable right now, for
 * example during a rebalance: retry) or {@link #FAILED} (anything else: see the message).
 */
public final class QueryException extends BatpakException {

    /** The request is malformed (bad region, position, limit or endpoint); retrying will not help. */
    public static final String INVALID_QUERY = "INVALID_QUERY";
    /** The index, or the instance owning a lane, cannot be queried now; retry later. */
    public static final String UNAVAILABLE = "QUERY_UNAVAILABLE";
    /** The index did not reach an event within the time given ({@link QueryClient#awaitIndexed}). */
    public static final String INDEX_TIMEOUT = "QUERY_INDEX_TIMEOUT";
    /** The query failed for another reason. */
    public static final String FAILED = "QUERY_FAILED";

    private static final long serialVersionUID = 1L;

    /** An error with {@code code} and a message saying what was wrong and what to do. */
    public QueryException(String code, String message) {
        super(code, message);
    }

    /** An error with {@code code}, a message and its cause. */
    public QueryException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
