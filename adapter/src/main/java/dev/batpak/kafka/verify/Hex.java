package dev.batpak.kafka.verify;

import java.util.HexFormat;

/** Lowercase hex for hashes and ids in finding messages. */
final class Hex {

    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** {@code bytes} as lowercase hex, or {@code (missing)} for null. */
    static String of(byte[] bytes) {
        return bytes == null ? "(missing)" : HEX.formatHex(bytes);
    }
}
