package dev.batpak.kafka.id;

import java.util.Objects;
import java.util.UUID;

/**
 * Shared text and byte codecs for the 128-bit typed ids. Package-private: callers use the typed
 * ids, which keep the four kinds of id from being swapped at call sites.
 */
final class Id128 {

    /** Every id is 16 bytes on the wire, big-endian, like batpak's {@code u128} ids. */
    static final int BYTES = 16;

    private static final int HEX_DIGITS = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Id128() {}

    static String format(String prefix, UUID value) {
        char[] out = new char[prefix.length() + HEX_DIGITS];
        prefix.getChars(0, prefix.length(), out, 0);
        writeHex(value.getMostSignificantBits(), out, prefix.length());
        writeHex(value.getLeastSignificantBits(), out, prefix.length() + 16);
        return new String(out);
    }

    private static void writeHex(long bits, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }

    /**
     * Parses {@code <prefix><32 lowercase hex>}. Only lowercase is accepted so that every id has
     * exactly one text form: {@code parse} and {@code toString} are inverse bijections.
     */
    static UUID parse(String idType, String prefix, String text) {
        if (text == null) {
            throw new InvalidIdException(idType, idType + " text is null; expected '" + prefix
                    + "' followed by 32 lowercase hex digits");
        }
        if (!text.startsWith(prefix)) {
            throw new InvalidIdException(idType, "'" + abbreviate(text) + "' is not a " + idType
                    + ": it must start with '" + prefix + "' followed by 32 lowercase hex digits");
        }
        int digits = text.length() - prefix.length();
        if (digits != HEX_DIGITS) {
            throw new InvalidIdException(idType, "'" + abbreviate(text) + "' is not a " + idType
                    + ": expected exactly 32 lowercase hex digits after '" + prefix + "', found "
                    + digits + " characters");
        }
        long hi = readHex(idType, text, prefix.length());
        long lo = readHex(idType, text, prefix.length() + 16);
        return new UUID(hi, lo);
    }

    private static long readHex(String idType, String text, int at) {
        long bits = 0;
        for (int i = at; i < at + 16; i++) {
            char c = text.charAt(i);
            int nibble;
            if (c >= '0' && c <= '9') {
                nibble = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                nibble = c - 'a' + 10;
            } else {
                throw new InvalidIdException(idType, "'" + abbreviate(text) + "' is not a " + idType
                        + ": character '" + c + "' at index " + i
                        + " is not a lowercase hex digit (0-9, a-f)");
            }
            bits = (bits << 4) | nibble;
        }
        return bits;
    }

    static byte[] toBytes(UUID value) {
        byte[] out = new byte[BYTES];
        putLong(out, 0, value.getMostSignificantBits());
        putLong(out, 8, value.getLeastSignificantBits());
        return out;
    }

    static UUID fromBytes(String idType, byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new InvalidIdException(idType, idType + " needs exactly 16 bytes (big-endian), got "
                    + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        return new UUID(getLong(bytes, 0), getLong(bytes, 8));
    }

    static UUID requireValue(String idType, UUID value) {
        return Objects.requireNonNull(value, () -> idType + " value must not be null");
    }

    private static void putLong(byte[] out, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] in, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[at + i] & 0xFF);
        }
        return v;
    }

    /** Keeps error messages bounded when a caller passes a huge string. */
    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
