package dev.batpak.kafka.cli;

import java.util.Iterator;
import java.util.Map;

/**
 * The JSON the command line prints: one object per line, for scripts to parse (the last line of
 * {@code batpak demo}, the error object on standard error). Values are strings, numbers,
 * booleans, {@code null}, maps and iterables; anything else is written as its string.
 */
public final class Json {

    private Json() {
    }

    /** {@code values} as one JSON object on one line, in the map's iteration order. */
    public static String object(Map<String, ?> values) {
        StringBuilder out = new StringBuilder();
        write(out, values);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            // JSON has no NaN or infinities; a string keeps the value visible instead of breaking the line.
            if (Double.isFinite(d)) {
                out.append(number);
            } else {
                string(out, number.toString());
            }
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            Iterator<?> it = items.iterator();
            while (it.hasNext()) {
                write(out, it.next());
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    /**
     * Appends {@code s} as a JSON string: quoted, with quotes, backslashes and control characters
     * (and U+2028/U+2029, which break JavaScript parsers) escaped.
     */
    public static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
