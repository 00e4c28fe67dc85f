/**
 * The streams app's HTTP endpoint: causal-graph queries answered from the local graph stores
 * ({@code docs/causal-graph.md}).
 */
package dev.batpak.kafka.http;
