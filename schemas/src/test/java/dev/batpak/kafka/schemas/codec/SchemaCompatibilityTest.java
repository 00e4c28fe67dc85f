package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.batpak.kafka.schemas.codec.FrozenSchemas.Frozen;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The evolution guard: every current schema stays backward and forward compatible with every
 * released (frozen) version of it, and the current version is frozen exactly as it is.
 */
class SchemaCompatibilityTest {

    @Test
    void everyCurrentSchemaIsCompatibleWithEveryFrozenVersionBothWays() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Frozen frozen : FrozenSchemas.all()) {
            SchemaCatalog entry = SchemaCatalog.byRecordName(frozen.name()).orElse(null);
            if (entry == null) {
                continue; // reported by SchemaCatalogTest
            }
            problems.addAll(FrozenSchemas.incompatibilities(frozen.name(), frozen.version(), frozen.schema(), entry.schema()));
            checked++;
        }
        assertTrue(checked >= SchemaCatalog.values().length, "checked only " + checked + " frozen schemas");
        if (!problems.isEmpty()) {
            fail("PROPERTY: schemas stay compatible with every released version broke:\n  "
                    + String.join("\n  ", problems)
                    + "\nA released version is read by old consumers and old journals are read by new code: "
                    + "give new fields defaults, never remove a field without a default, never rename or retype one.");
        }
    }

    @Test
    void theCurrentVersionOfEverySchemaIsFrozenExactly() {
        List<String> problems = new ArrayList<>();
        List<Frozen> all = FrozenSchemas.all();
        for (SchemaCatalog entry : SchemaCatalog.values()) {
            Frozen current = all.stream()
                    .filter(f -> f.name().equals(entry.recordName()) && f.version() == entry.version())
                    .findFirst().orElse(null);
            if (current == null) {
                problems.add(entry.recordName() + " v" + entry.version() + " is not frozen: add frozen/v" + entry.version()
                        + "/" + entry.recordName() + ".avsc (Schema.toString(true) of " + entry.type().getSimpleName()
                        + ".SCHEMA$)");
            } else if (!current.schema().equals(entry.schema())) {
                problems.add(entry.recordName() + " changed since v" + entry.version() + " was frozen: raise its version in"
                        + " SchemaCatalog to v" + (entry.version() + 1) + " and freeze it as frozen/v" + (entry.version() + 1)
                        + "/" + entry.recordName() + ".avsc; never edit a frozen file");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void noFrozenVersionIsAheadOfTheCatalog() {
        for (Frozen frozen : FrozenSchemas.all()) {
            SchemaCatalog.byRecordName(frozen.name()).ifPresent(entry -> assertTrue(frozen.version() <= entry.version(),
                    frozen + " is frozen but SchemaCatalog says " + entry.recordName() + " is at v" + entry.version()));
        }
    }

    @Test
    void theGuardReportsAFieldAddedWithoutADefaultAsBackwardIncompatible() {
        Schema v1 = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema current = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                + "{\"name\":\"b\",\"type\":\"string\"}]}");
        List<String> problems = FrozenSchemas.incompatibilities("R", 1, v1, current);
        assertEquals(1, problems.size(), problems.toString());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("R v1 BACKWARD"), problem);
        assertTrue(problem.contains("READER_FIELD_MISSING_DEFAULT_VALUE") && problem.contains("b"), problem);
    }

    @Test
    void theGuardReportsARemovedFieldWithoutADefaultAsForwardIncompatible() {
        Schema v1 = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                + "{\"name\":\"b\",\"type\":\"string\"}]}");
        Schema current = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        List<String> problems = FrozenSchemas.incompatibilities("R", 1, v1, current);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("R v1 FORWARD"), problems.get(0));
    }

    @Test
    void theGuardReportsANewEnumSymbolWithoutADefaultAsForwardIncompatible() {
        Schema v1 = parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}");
        Schema current = parse("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}");
        List<String> problems = FrozenSchemas.incompatibilities("E", 3, v1, current);
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("E v3 FORWARD") && problems.get(0).contains("MISSING_ENUM_SYMBOLS"), problems.get(0));
    }

    @Test
    void theGuardAcceptsAFieldAddedWithADefault() {
        Schema v1 = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
        Schema current = parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
                + "{\"name\":\"b\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
        assertEquals(List.of(), FrozenSchemas.incompatibilities("R", 1, v1, current));
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
