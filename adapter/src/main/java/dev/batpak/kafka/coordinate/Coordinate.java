package dev.batpak.kafka.coordinate;

/**
 * Where an event lives: {@code entity} ("who": the stream key and hash-chain anchor) and
 * {@code scope} ("where": an isolation or grouping label).
 *
 * <p>Both components are validated on every construction, including decoding, so a forged
 * coordinate cannot enter the store. The rules, checked in this order (the first failure wins):
 * <ol>
 *   <li>entity empty, then scope empty;</li>
 *   <li>entity, then scope, longer than {@value #MAX_COMPONENT_BYTES} UTF-8 bytes (bytes, not
 *       characters, because the wire and the index store bytes);</li>
 *   <li>for the entity and then for the scope: a lone UTF-16 surrogate (it has no UTF-8 form); a
 *       NUL byte; a control byte ({@code < 0x20} or {@code 0x7F}); {@code /} or {@code ..} (path
 *       traversal if a component ever becomes a file name); {@code |} or {@code =} (reserved for
 *       region identities {@code key=value|key=value}).</li>
 * </ol>
 * Non-ASCII text is allowed. {@code :} is allowed and is the namespace separator that
 * {@link Region#entity(String)} prefix matching understands ({@code alice:orders} is inside
 * {@code alice}).
 *
 * @param entity the stream key; the hash chain and the lane are chosen by it
 * @param scope the isolation label
 */
public record Coordinate(String entity, String scope) {

    /** The largest component length, in UTF-8 bytes. */
    public static final int MAX_COMPONENT_BYTES = 1024;

    static final String ENTITY = "entity";
    static final String SCOPE = "scope";

    /** Validates both components; see the class documentation for the rules. */
    public Coordinate {
        checkNotEmpty(ENTITY, entity);
        checkNotEmpty(SCOPE, scope);
        checkLength(ENTITY, entity);
        checkLength(SCOPE, scope);
        checkCharacters(ENTITY, entity);
        checkCharacters(SCOPE, scope);
    }

    /**
     * Builds a validated coordinate.
     *
     * @throws CoordinateException naming the first rule the entity or scope breaks
     */
    public static Coordinate of(String entity, String scope) {
        return new Coordinate(entity, scope);
    }

    /** {@code entity@scope}, for people; not a parseable form ({@code @} may occur in either). */
    @Override
    public String toString() {
        return entity + "@" + scope;
    }

    /**
     * Every rule for one component ({@code "entity"} or {@code "scope"}) on its own, so that
     * {@link Region} holds its entity prefix and scope to the same rules.
     */
    static void validateComponent(String component, String value) {
        checkNotEmpty(component, value);
        checkLength(component, value);
        checkCharacters(component, value);
    }

    private static void checkNotEmpty(String component, String value) {
        if (value == null || value.isEmpty()) {
            boolean entity = ENTITY.equals(component);
            throw new CoordinateException(
                    entity ? CoordinateException.Reason.EMPTY_ENTITY : CoordinateException.Reason.EMPTY_SCOPE,
                    component, "coordinate " + component + " is " + (value == null ? "null" : "empty")
                            + (entity ? "; give the stream key the event belongs to, for example 'order:42'"
                                    : "; give the isolation label, for example 'prod' or 'tenant-a'"));
        }
    }

    private static void checkLength(String component, String value) {
        int bytes = utf8Length(value);
        if (bytes > MAX_COMPONENT_BYTES) {
            throw new CoordinateException(ENTITY.equals(component)
                    ? CoordinateException.Reason.ENTITY_TOO_LONG : CoordinateException.Reason.SCOPE_TOO_LONG,
                    component, "coordinate " + component + " is " + bytes
                            + " UTF-8 bytes, over the limit of " + MAX_COMPONENT_BYTES
                            + "; use a shorter key (hash long natural keys)");
        }
    }

    /** Steps 3 to 5 for one non-empty, length-checked component. */
    private static void checkCharacters(String component, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new CoordinateException(CoordinateException.Reason.UNPAIRED_SURROGATE,
                        component, "coordinate " + component + " has an unpaired UTF-16 surrogate at"
                                + " index " + i + "; it cannot be encoded as UTF-8. Pass well-formed text");
            }
        }
        // UTF-8 continuation and lead bytes are all >= 0x80, so checking chars below 0x80 is
        // the same as checking the UTF-8 bytes.
        if (value.indexOf('\0') >= 0) {
            throw new CoordinateException(CoordinateException.Reason.NUL_BYTE, component,
                    "coordinate " + component + " contains a NUL byte at index "
                            + value.indexOf('\0') + "; remove it");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new CoordinateException(CoordinateException.Reason.CONTROL_CHAR, component,
                        "coordinate " + component + " contains control character 0x"
                                + Integer.toHexString(c) + " at index " + i
                                + "; use printable text only");
            }
        }
        if (value.indexOf('/') >= 0 || value.contains("..")) {
            throw new CoordinateException(CoordinateException.Reason.PATH_TRAVERSAL, component,
                    "coordinate " + component + " '" + value + "' contains '/' or '..'"
                            + "; use ':' to build hierarchical keys, for example 'tenant:order:42'");
        }
        if (value.indexOf('|') >= 0 || value.indexOf('=') >= 0) {
            throw new CoordinateException(CoordinateException.Reason.FORBIDDEN_SEPARATOR, component,
                    "coordinate " + component + " '" + value + "' contains '|' or '='"
                            + ", which are reserved for region identities; use ':' or '-' instead");
        }
    }

    /**
     * The UTF-8 length without encoding. A lone surrogate counts as 3 bytes (its WTF-8 size);
     * it is rejected by {@link #checkCharacters} anyway.
     */
    private static int utf8Length(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
