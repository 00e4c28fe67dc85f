package dev.batpak.kafka.event;

/**
 * The key of an append extension: {@code namespace.field}. Extensions are stored with the
 * event, returned on receipts and covered by the receipt signature, so keys are kept small and
 * unambiguous: non-empty ASCII, at most {@value #MAX_BYTES} bytes, exactly one {@code .}, both
 * sides non-empty.
 *
 * <p>The namespace {@value #SYSTEM_NAMESPACE} is reserved for substrate keys (for example
 * {@code batpak.signing.downgrade}-style keys); {@link #parse(String)} and
 * {@link #of(String, String)} refuse it so an application cannot forge a substrate extension.
 * {@link #system(String)} builds a reserved key and {@link #decode(String)} reads any stored key.
 *
 * <p>Keys order by their text form ({@code namespace.field}, byte order), which is the order of
 * a sorted extension map on the wire.
 *
 * @param namespace the owner of the key, before the {@code .}
 * @param field the name within the namespace, after the {@code .}
 */
public record ExtensionKey(String namespace, String field) implements Comparable<ExtensionKey> {

    /** The largest key length in bytes (ASCII, so also characters), dot included. */
    public static final int MAX_BYTES = 256;
    /** The namespace only the system may use. */
    public static final String SYSTEM_NAMESPACE = "batpak";

    /**
     * Validates the shape (not the reservation: stored substrate keys must be decodable).
     * Use {@link #of(String, String)} or {@link #parse(String)} for application keys.
     */
    public ExtensionKey {
        if (namespace == null || field == null) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.EMPTY,
                    "extension key namespace and field must not be null");
        }
        validateShape(namespace + "." + field);
    }

    /**
     * An application key from its text form {@code namespace.field}.
     *
     * @throws ExtensionKeyException if the text breaks a rule or uses the {@code batpak}
     *     namespace
     */
    public static ExtensionKey parse(String text) {
        return refuseReserved(decode(text));
    }

    /**
     * An application key from its two parts.
     *
     * @throws ExtensionKeyException if the parts break a rule or the namespace is {@code batpak}
     */
    public static ExtensionKey of(String namespace, String field) {
        return refuseReserved(new ExtensionKey(namespace, field));
    }

    /**
     * A substrate key {@code batpak.<field>}, for the system's own extensions.
     *
     * @throws ExtensionKeyException if the field is empty, non-ASCII, contains {@code .}, or
     *     makes the key too long
     */
    public static ExtensionKey system(String field) {
        return new ExtensionKey(SYSTEM_NAMESPACE, field);
    }

    /**
     * Any valid key, reserved ones included, for reading stored events and receipts.
     *
     * @throws ExtensionKeyException if the text breaks a shape rule
     */
    public static ExtensionKey decode(String text) {
        validateShape(text);
        int dot = text.indexOf('.');
        return new ExtensionKey(text.substring(0, dot), text.substring(dot + 1));
    }

    /** True if the key is in the reserved {@code batpak} namespace. */
    public boolean isSystem() {
        return SYSTEM_NAMESPACE.equals(namespace);
    }

    /** Orders by the text form, byte order (the text is ASCII). */
    @Override
    public int compareTo(ExtensionKey other) {
        return toString().compareTo(other.toString());
    }

    /** {@code namespace.field}. */
    @Override
    public String toString() {
        return namespace + "." + field;
    }

    private static ExtensionKey refuseReserved(ExtensionKey key) {
        if (key.isSystem()) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.RESERVED_NAMESPACE,
                    "extension key '" + key + "' uses the namespace '" + SYSTEM_NAMESPACE
                            + "', which is reserved for the system; use your own namespace,"
                            + " for example 'myapp." + key.field() + "'");
        }
        return key;
    }

    private static void validateShape(String text) {
        if (text == null || text.isEmpty()) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.EMPTY,
                    "extension key is empty; use the form 'namespace.field'");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                throw new ExtensionKeyException(ExtensionKeyException.Reason.NON_ASCII,
                        "extension key '" + abbreviate(text) + "' has a non-ASCII character at index "
                                + i + "; keys are ASCII only");
            }
        }
        if (text.length() > MAX_BYTES) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.TOO_LONG,
                    "extension key '" + abbreviate(text) + "' is " + text.length()
                            + " bytes, over the limit of " + MAX_BYTES + "; use a shorter key");
        }
        int dot = text.indexOf('.');
        if (dot < 0 || dot != text.lastIndexOf('.')) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.SEPARATOR_COUNT,
                    "extension key '" + abbreviate(text) + "' must contain exactly one '.'"
                            + " between namespace and field");
        }
        if (dot == 0) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.EMPTY_NAMESPACE,
                    "extension key '" + text + "' has an empty namespace before the '.'");
        }
        if (dot == text.length() - 1) {
            throw new ExtensionKeyException(ExtensionKeyException.Reason.EMPTY_FIELD,
                    "extension key '" + text + "' has an empty field after the '.'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
