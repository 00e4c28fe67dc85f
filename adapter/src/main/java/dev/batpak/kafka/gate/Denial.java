package dev.batpak.kafka.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one gate refused a proposal: the gate's name, an optional machine-readable code, a
 * human-readable message and an ordered list of key/value pairs (the evidence the gate looked
 * at, for example {@code limit=1024, actual=4096}).
 *
 * <p>The context is a list, not a map, because the gate's order is part of the evidence a
 * denial trace records and because a key may legitimately repeat. Entries are
 * {@link Map#entry(Object, Object)} values, so two denials are equal exactly when their parts
 * are.
 *
 * @param gate the name of the gate that denied (printable ASCII, see {@link Gate#name()})
 * @param code a stable code such as {@code SIZE_LIMIT}; may be empty when the gate has none
 * @param message what was wrong, for a person
 * @param context ordered evidence; unmodifiable
 */
public record Denial(String gate, String code, String message, List<Map.Entry<String, String>> context) {

    /** The code of a denial made for a gate that threw instead of answering. */
    public static final String GATE_DEFECT = "GATE_DEFECT";

    /** Validates every part and freezes the context. */
    public Denial {
        GateIds.require("denial gate", gate);
        if (code == null) {
            throw invalid("code is null; use \"\" when the gate has no code");
        }
        if (message == null) {
            throw invalid("message is null; say why the gate denied");
        }
        context = copyContext(context);
    }

    /** A denial with no code and no context. */
    public static Denial of(String gate, String message) {
        return new Denial(gate, "", message, List.of());
    }

    /** A denial with a code and no context. */
    public static Denial of(String gate, String code, String message) {
        return new Denial(gate, code, message, List.of());
    }

    /** A denial with a code and context, in the order given. */
    public static Denial of(String gate, String code, String message, List<Map.Entry<String, String>> context) {
        return new Denial(gate, code, message, context);
    }

    /**
     * The denial recorded for a gate that threw: code {@link #GATE_DEFECT}, the exception's
     * class and message in the text and in the context (keys {@code exception} and
     * {@code exceptionMessage}).
     */
    public static Denial defect(String gate, Throwable thrown) {
        Objects.requireNonNull(thrown, "thrown");
        String type = thrown.getClass().getName();
        String detail = thrown.getMessage() == null ? "" : thrown.getMessage();
        String message = "gate '" + gate + "' threw " + type + (detail.isEmpty() ? "" : ": " + detail)
                + " instead of answering; fix the gate";
        return new Denial(gate, GATE_DEFECT, message,
                List.of(Map.entry("exception", type), Map.entry("exceptionMessage", detail)));
    }

    /** This denial with one more context entry appended. */
    public Denial with(String key, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(context.size() + 1);
        more.addAll(context);
        more.add(entry(key, value));
        return new Denial(gate, code, message, more);
    }

    /** This denial with one more context entry appended, the value written with {@link String#valueOf(Object)}. */
    public Denial with(String key, Object value) {
        return with(key, String.valueOf(value));
    }

    /** The value of the first context entry with this key, if any. */
    public Optional<String> contextValue(String key) {
        for (Map.Entry<String, String> e : context) {
            if (e.getKey().equals(key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** True when this denial stands for a gate that threw rather than a gate that said no. */
    public boolean isDefect() {
        return GATE_DEFECT.equals(code);
    }

    /**
     * Copies a context list into an unmodifiable list of {@link Map#entry} values, refusing
     * null keys and values. Shared with {@link GateVerdict.Deny}.
     */
    static List<Map.Entry<String, String>> copyContext(List<Map.Entry<String, String>> context) {
        if (context == null) {
            throw invalid("context is null; use List.of() for no context");
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(context.size());
        for (int i = 0; i < context.size(); i++) {
            Map.Entry<String, String> e = context.get(i);
            if (e == null) {
                throw invalid("context entry " + i + " is null");
            }
            copy.add(entry(e.getKey(), e.getValue()));
        }
        return List.copyOf(copy);
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        if (key == null || value == null) {
            throw invalid("context key and value must not be null (got key=" + key + ", value=" + value + ")");
        }
        return Map.entry(key, value);
    }

    private static GateException invalid(String rule) {
        return new GateException(GateException.Reason.INVALID_DENIAL, "invalid denial: " + rule);
    }
}
