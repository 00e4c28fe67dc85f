/**
 * Whole-journal verification, what {@code batpak verify} runs (batpak-model §4.5, with the
 * stronger event hash of {@code docs/hashing.md} and the receipts of {@code docs/receipts.md}).
 *
 * <p>{@link dev.batpak.kafka.verify.JournalVerifier} reads a store's journal, or takes
 * {@link dev.batpak.kafka.verify.JournalRecord}s directly, and produces a
 * {@link dev.batpak.kafka.verify.VerificationReport}: counts and a list of
 * {@link dev.batpak.kafka.verify.Finding}s, each with a
 * {@link dev.batpak.kafka.verify.FindingCode} and the lane, offset and event it is about.
 * A verification that cannot finish throws
 * {@link dev.batpak.kafka.verify.JournalVerificationException}. What is checked, and how to
 * read the findings, is in {@code docs/verify.md}.
 */
package dev.batpak.kafka.verify;
