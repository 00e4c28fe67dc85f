/**
 * The guided tour behind {@code batpak demo}: a {@link dev.batpak.kafka.cli.demo.DemoTour} of
 * {@link dev.batpak.kafka.cli.demo.DemoStep}s sharing a {@link dev.batpak.kafka.cli.demo.DemoContext}.
 */
package dev.batpak.kafka.cli.demo;
