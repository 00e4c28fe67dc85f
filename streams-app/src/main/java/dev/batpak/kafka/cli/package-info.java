/**
 * The {@code batpak} command line (picocli): {@link dev.batpak.kafka.cli.BatpakCommand} and one
 * class per subcommand.
 */
package dev.batpak.kafka.cli;
