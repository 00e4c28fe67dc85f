/** What the Kafka Streams applications that read a store's journal (projections, reactors) share. */
package dev.batpak.kafka.streams;
