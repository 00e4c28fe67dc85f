/**
 * The causal graph of a store, read through the streams app: ancestry along the hash chain,
 * causal ancestors and descendants, correlation groups and the happened-before relation.
 *
 * <p>{@link dev.batpak.kafka.graph.CausalGraph} is the query interface; {@link
 * dev.batpak.kafka.graph.GraphClient} answers it over the streams app's HTTP endpoint, and the
 * streams app answers it from its RocksDB graph stores. Results are bounded pages with an
 * opaque continuation token. See {@code docs/causal-graph.md}.
 */
package dev.batpak.kafka.graph;
