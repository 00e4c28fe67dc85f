package dev.batpak.kafka.registry;

import java.util.Arrays;

/**
 * The schema registry wire format that Confluent's serializers define and every registry-aware Kafka
 * tool reads: one magic byte {@code 0x00}, the writer schema's global id as a 4-byte big-endian
 * integer, then the Avro binary encoding of the value (no other framing, no length).
 *
 * <p>Written byte for byte the same as Confluent's {@code KafkaAvroSerializer}, so a consumer that
 * only knows that format reads batpak's records.
 */
public final class ConfluentWireFormat {

    /** The first byte of every framed value. */
    public static final byte MAGIC_BYTE = 0x00;

    /** Bytes before the Avro body: the magic byte and the schema id. */
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Frames {@code avroBody} as written with schema {@code schemaId}. */
    public static byte[] frame(int schemaId, byte[] avroBody) {
        return frame(schemaId, avroBody, 0, avroBody.length);
    }

    /** Frames {@code length} bytes of {@code avroBody} from {@code offset}. */
    public static byte[] frame(int schemaId, byte[] avroBody, int offset, int length) {
        byte[] framed = new byte[HEADER_LENGTH + length];
        writeHeader(framed, schemaId);
        System.arraycopy(avroBody, offset, framed, HEADER_LENGTH, length);
        return framed;
    }

    /** Writes the 5-byte header for {@code schemaId} at the start of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** True when {@code bytes} is long enough for the header and starts with the magic byte. */
    public static boolean isFramed(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_LENGTH && bytes[0] == MAGIC_BYTE;
    }

    /**
     * The schema id of a framed value.
     *
     * @throws IllegalArgumentException when {@code bytes} is not framed (check {@link #isFramed(byte[])})
     */
    public static int schemaId(byte[] bytes) {
        if (!isFramed(bytes)) {
            throw new IllegalArgumentException("not in the schema registry wire format: "
                    + (bytes == null ? "null" : bytes.length < HEADER_LENGTH ? bytes.length + " bytes, fewer than the "
                            + HEADER_LENGTH + "-byte header" : String.format("first byte %02X, not 00", bytes[0] & 0xff)));
        }
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    /** The Avro body of a framed value (a copy). */
    public static byte[] body(byte[] bytes) {
        schemaId(bytes);
        return Arrays.copyOfRange(bytes, HEADER_LENGTH, bytes.length);
    }
}
