/**
 * The embedded single-node Kafka broker behind {@code batpak dev} and {@code batpak demo}: a real
 * KRaft broker in a child JVM, with its data in a directory the user can see and delete.
 */
package dev.batpak.kafka.embedded;
