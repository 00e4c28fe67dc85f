package dev.batpak.kafka.graph;

/** Why a breadth-first causal walk stopped. */
public enum CausalBoundary {
    /** Every reachable event was returned (this page is the last). */
    COMPLETE,
    /** The limit was reached with more events left; the page's continuation resumes the walk. */
    LIMIT_REACHED,
    /** The starting event is unknown. */
    NO_ANCHOR
}
