package dev.batpak.kafka.registry;

/**
 * The two framings a batpak record value can have, told apart by their first bytes, so that one
 * reader accepts a topic written in either mode (or both, across a migration).
 */
public enum Framing {

    /** Schema registry wire format: {@code 00}, 4-byte schema id, Avro body. Used when a registry is configured. */
    CONFLUENT,
    /** Avro single-object encoding: {@code C3 01}, 8-byte schema fingerprint, Avro body. Used without a registry. */
    SINGLE_OBJECT,
    /** Neither: too short, or other first bytes. */
    UNKNOWN;

    /** Length of the single-object header: {@code C3 01} and the 8-byte fingerprint. */
    public static final int SINGLE_OBJECT_HEADER_LENGTH = 10;

    /** The framing of {@code bytes}, from its header alone. */
    public static Framing detect(byte[] bytes) {
        if (ConfluentWireFormat.isFramed(bytes)) {
            return CONFLUENT;
        }
        if (bytes != null && bytes.length >= SINGLE_OBJECT_HEADER_LENGTH && bytes[0] == (byte) 0xC3
                && bytes[1] == (byte) 0x01) {
            return SINGLE_OBJECT;
        }
        return UNKNOWN;
    }
}
