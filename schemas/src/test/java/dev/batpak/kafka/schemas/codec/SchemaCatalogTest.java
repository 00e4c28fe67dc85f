package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.schemas.codec.FrozenSchemas.Frozen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * The catalog is complete: it lists every top-level {@code .avsc}, every listed schema has a frozen
 * file, and every frozen file belongs to a listed schema. Adding a schema without cataloguing and
 * freezing it fails here.
 */
class SchemaCatalogTest {

    private static Set<String> catalogNames() {
        return Arrays.stream(SchemaCatalog.values()).map(SchemaCatalog::recordName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theCatalogListsEveryTopLevelSchemaFile() throws IOException {
        Path avro = Path.of(System.getProperty("basedir", "."), "src", "main", "avro");
        Set<String> files;
        try (Stream<Path> list = Files.list(avro)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".avsc"))
                    .map(p -> p.getFileName().toString().replace(".avsc", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, catalogNames(), "top-level schemas in " + avro + " and SchemaCatalog differ: list every "
                + "record that travels on its own in SchemaCatalog (named types belong under common/)");
    }

    @Test
    void everyCatalogEntryHasAFrozenFileAndEveryFrozenFileAnEntry() {
        Set<String> frozenNames = FrozenSchemas.all().stream().map(Frozen::name).collect(Collectors.toCollection(TreeSet::new));
        for (String name : catalogNames()) {
            assertTrue(frozenNames.contains(name), name + " is in SchemaCatalog but no version of it is frozen: add "
                    + "schemas/src/test/resources/frozen/v1/" + name + ".avsc");
        }
        for (String name : frozenNames) {
            assertTrue(catalogNames().contains(name), "frozen " + name + ".avsc belongs to no SchemaCatalog entry: a released "
                    + "schema was removed or renamed; readers of old data still need it");
        }
    }

    @Test
    void theCurrentVersionsAreOne() {
        for (SchemaCatalog entry : SchemaCatalog.values()) {
            assertEquals(1, entry.version(), entry.recordName());
        }
    }

    @Test
    void lookupsFindEveryEntry() {
        for (SchemaCatalog entry : SchemaCatalog.values()) {
            assertSame(entry, SchemaCatalog.byRecordName(entry.recordName()).orElseThrow());
            assertSame(entry, SchemaCatalog.byFingerprint(entry.fingerprint()).orElseThrow());
            assertEquals(SchemaNormalization.parsingFingerprint64(entry.schema()), entry.fingerprint());
            assertEquals("dev.batpak.kafka.schemas." + entry.recordName(), entry.fullName());
            assertSame(entry.schema(), Codecs.forEntry(entry).schema());
        }
        assertTrue(SchemaCatalog.byRecordName("Id16").isEmpty());
        assertTrue(SchemaCatalog.byFingerprint(0L).isEmpty());
    }
}
