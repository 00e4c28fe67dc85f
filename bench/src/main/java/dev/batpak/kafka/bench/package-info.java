/**
 * The benchmark suite: every batpak scenario runs beside its raw-Kafka baseline on the same
 * embedded broker in the same run, and is reported as a ratio (batpak / raw).
 *
 * <p>Entry point {@link dev.batpak.kafka.bench.BenchMain} (launched by {@code ./bench.sh});
 * {@link dev.batpak.kafka.bench.ProfileSummary} condenses a JFR recording of a run. Nothing here
 * runs during {@code mvn test} except fast unit tests of the harness itself; timings are never
 * test verdicts.
 */
package dev.batpak.kafka.bench;
