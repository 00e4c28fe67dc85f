package dev.batpak.kafka.gate;

/**
 * The one rule for gate names, denial gate fields and pipeline ids.
 *
 * <p>They are written into denial traces in the journal and compared byte for byte by
 * verifiers in other languages, so they are restricted to printable ASCII: no encoding
 * ambiguity, no control characters that would hide in a log line.
 */
final class GateIds {

    /** Longest accepted id, in characters; an id names a gate, it is not a message. */
    static final int MAX_LENGTH = 256;

    private GateIds() {
    }

    /**
     * Returns {@code value} if it is a valid id.
     *
     * @param what what the id is, for the error message (for example "gate name")
     * @throws GateException with {@link GateException.Reason#INVALID_GATE_ID} otherwise
     */
    static String require(String what, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(what, value, "must not be empty or blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw invalid(what, value, "must be at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw invalid(what, value, String.format(
                        "must be printable ASCII (0x20-0x7E), found U+%04X at index %d", (int) c, i));
            }
        }
        return value;
    }

    private static GateException invalid(String what, String value, String rule) {
        String shown = value == null ? "null" : "\"" + escape(value) + "\"";
        return new GateException(GateException.Reason.INVALID_GATE_ID,
                "invalid " + what + " " + shown + ": " + rule + "; choose a short printable ASCII name");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 64);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c <= 0x7E) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }
}
