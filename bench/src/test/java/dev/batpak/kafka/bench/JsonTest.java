package dev.batpak.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results file is valid JSON whatever the strings and numbers in it. */
class JsonTest {

    @Test
    void writesNestedValuesInOrderWithEscapesAndNoNaN() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "a \"quoted\"\\ line\nand a tab\t\u0001");
        value.put("ratio", 0.123456);
        value.put("whole", 42.0);
        value.put("nan", Double.NaN);
        value.put("list", List.of(1, true, "x"));
        value.put("empty", Map.of());
        value.put("none", null);
        assertEquals("""
                {
                  "text": "a \\"quoted\\"\\\\ line\\nand a tab\\t\\u0001",
                  "ratio": 0.1235,
                  "whole": 42,
                  "nan": null,
                  "list": [
                    1,
                    true,
                    "x"
                  ],
                  "empty": {},
                  "none": null
                }
                """, Json.write(value));
    }
}
