package dev.batpak.kafka.projection;

import java.util.regex.Pattern;

/** The rules for projection names and the store names derived from them. */
public final class ProjectionNames {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private ProjectionNames() {
    }

    /**
     * Checks a projection name.
     *
     * @throws ProjectionException ({@code INVALID_PROJECTION}) if it is empty, too long or has
     *     characters other than {@code [a-zA-Z0-9_-]}
     */
    public static String validate(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProjectionException(ProjectionException.INVALID_PROJECTION, "projection name '" + name
                    + "' is invalid: use 1 to 64 characters of [a-zA-Z0-9_-] (it is part of store and"
                    + " application ids)");
        }
        return name;
    }

    /** The RocksDB store of projection {@code name} at {@code schemaVersion}. */
    public static String storeName(String name, int schemaVersion) {
        return "batpak-projection-" + validate(name) + "-v" + schemaVersion;
    }
}
