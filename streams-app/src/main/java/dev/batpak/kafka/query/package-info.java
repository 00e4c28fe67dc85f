/**
 * Region queries: the query index (a Kafka Streams application fed by the journal,
 * {@link dev.batpak.kafka.query.QueryIndexApp}), the scans of one lane's index and the merge of
 * lanes into pages ({@link dev.batpak.kafka.query.PageMerge}), and the service the HTTP routes call
 * ({@link dev.batpak.kafka.query.QueryService}). See {@code docs/queries.md}.
 */
package dev.batpak.kafka.query;
