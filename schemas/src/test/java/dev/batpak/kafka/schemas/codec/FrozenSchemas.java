package dev.batpak.kafka.schemas.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The released schema versions frozen under {@code src/test/resources/frozen/v<N>/<Name>.avsc}, and
 * the compatibility rule every current schema must keep with each of them.
 */
final class FrozenSchemas {

    /** One frozen file: a record name, its version, and the schema as released. */
    record Frozen(String name, int version, Path file, Schema schema) {
        @Override
        public String toString() {
            return name + " v" + version;
        }
    }

    private static final Pattern VERSION_DIR = Pattern.compile("v([1-9][0-9]*)");

    private FrozenSchemas() {
    }

    /** The frozen root on the test class path. */
    static Path root() {
        URL url = FrozenSchemas.class.getClassLoader().getResource("frozen");
        if (url == null) {
            throw new AssertionError("no frozen/ directory on the test class path (schemas/src/test/resources/frozen)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("frozen/ is not a directory: " + url, e);
        }
    }

    /** Every frozen file, by version then name. Names outside {@code v<N>} directories are an error. */
    static List<Frozen> all() {
        List<Frozen> frozen = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.sorted().toList()) {
                Matcher m = VERSION_DIR.matcher(dir.getFileName().toString());
                if (!Files.isDirectory(dir) || !m.matches()) {
                    throw new AssertionError("frozen/ may only hold v<N> directories, found " + dir.getFileName());
                }
                int version = Integer.parseInt(m.group(1));
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        String fileName = file.getFileName().toString();
                        if (!fileName.endsWith(".avsc")) {
                            throw new AssertionError("frozen/" + dir.getFileName() + " may only hold .avsc files, found " + fileName);
                        }
                        Schema schema = new Schema.Parser().parse(file.toFile());
                        String name = fileName.substring(0, fileName.length() - ".avsc".length());
                        frozen.add(new Frozen(name, version, file, schema));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        frozen.sort(Comparator.comparingInt(Frozen::version).thenComparing(Frozen::name));
        return frozen;
    }

    /**
     * Every way {@code current} breaks compatibility with {@code frozen}: backward (the current
     * schema reading data written with the frozen one) and forward (the frozen schema, i.e. an old
     * reader, reading data written with the current one). Empty when fully compatible.
     */
    static List<String> incompatibilities(String name, int version, Schema frozen, Schema current) {
        List<String> problems = new ArrayList<>();
        describe(problems, name, version, "BACKWARD (current reader, v" + version + " writer)",
                SchemaCompatibility.checkReaderWriterCompatibility(current, frozen));
        describe(problems, name, version, "FORWARD (v" + version + " reader, current writer)",
                SchemaCompatibility.checkReaderWriterCompatibility(frozen, current));
        return problems;
    }

    private static void describe(List<String> problems, String name, int version, String direction,
                                 SchemaPairCompatibility result) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility i : result.getResult().getIncompatibilities()) {
            problems.add(name + " v" + version + " " + direction + ": " + i.getType() + " at " + i.getLocation()
                    + ": " + i.getMessage());
        }
    }
}
