package dev.batpak.kafka.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Records chosen stretches of a run with JFR ({@code profile} settings), each into its own file
 * beside the one given with {@code --jfr}: {@code FILE} for the batpak side of the pipelined
 * append-to-visible run, {@code FILE-<part>.jfr} for the others. {@link #NONE} records nothing.
 */
class Profiler {

    /** A profiler that records nothing. */
    static final Profiler NONE = new Profiler(null);

    private final Path file;

    /** A profiler writing next to {@code file}; null records nothing. */
    Profiler(Path file) {
        this.file = file;
    }

    /** A started recording of {@code part} ({@code null} for the main file), or null when not profiling. */
    Recording start(String part) throws IOException {
        if (file == null) {
            return null;
        }
        Recording recording;
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (ParseException e) {
            throw new IOException("the JDK's JFR 'profile' settings cannot be read: " + e.getMessage(), e);
        }
        Path destination = part == null ? file : sibling(file, part);
        if (destination.toAbsolutePath().getParent() != null) {
            Files.createDirectories(destination.toAbsolutePath().getParent());
        }
        recording.setName("batpak-bench-" + (part == null ? "visible-throughput" : part));
        recording.setToDisk(true);
        recording.setDestination(destination);
        recording.start();
        return recording;
    }

    /** Stops and writes {@code recording} (null is ignored). */
    static void stop(Recording recording) {
        if (recording != null) {
            recording.stop();
            recording.close();
            Progress.say("profile written to %s", recording.getDestination());
        }
    }

    /** {@code FILE-<part>.jfr} beside {@code file}. */
    static Path sibling(Path file, String part) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".jfr") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + "-" + part + ".jfr");
    }
}
