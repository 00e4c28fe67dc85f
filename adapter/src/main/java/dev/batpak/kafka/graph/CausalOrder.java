package dev.batpak.kafka.graph;

/**
 * The causal order of two events {@code a} and {@code b}: whether one is reachable from the
 * other over causation and stream-order edges. An HLC order alone never implies causality.
 */
public enum CausalOrder {
    /** {@code a} happened before {@code b}. */
    BEFORE,
    /** {@code b} happened before {@code a}. */
    AFTER,
    /** Neither reaches the other. */
    CONCURRENT
}
