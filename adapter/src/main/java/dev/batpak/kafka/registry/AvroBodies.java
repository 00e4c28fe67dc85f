package dev.batpak.kafka.registry;

/** Re-frames a plain Avro body as single-object encoding, the form the guarded decoders read. */
final class AvroBodies {

    private AvroBodies() {
    }

    /** {@code C3 01}, the little-endian {@code fingerprint}, then {@code body[offset, offset + length)}. */
    static byte[] asSingleObject(byte[] body, int offset, int length, long fingerprint) {
        byte[] framed = new byte[Framing.SINGLE_OBJECT_HEADER_LENGTH + length];
        framed[0] = (byte) 0xC3;
        framed[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            framed[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        System.arraycopy(body, offset, framed, Framing.SINGLE_OBJECT_HEADER_LENGTH, length);
        return framed;
    }
}
