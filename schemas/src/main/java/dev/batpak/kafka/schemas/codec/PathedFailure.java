package dev.batpak.kafka.schemas.codec;

import java.util.ArrayDeque;

/**
 * A defect found by a walk over a schema, with the path from it up to the root collected while the
 * walk unwinds: the walks run on every value and nearly always pass, so they keep no path while
 * walking. Internal only (always converted to a typed exception); no stack trace.
 */
abstract class PathedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ArrayDeque<String> segments = new ArrayDeque<>();

    PathedFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Prepends the segment of the value being unwound; returns this failure to rethrow. */
    PathedFailure under(String segment) {
        segments.addFirst(segment);
        return this;
    }

    /** The path from {@code root} down to the failing value. */
    String path(String root) {
        StringBuilder path = new StringBuilder(root);
        for (String segment : segments) {
            path.append(segment);
        }
        return path.toString();
    }
}
