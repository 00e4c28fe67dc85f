package dev.batpak.kafka.internal.codec;

import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of decoding one Kafka record value: the record, or why it was not one.
 *
 * <p>Decoding garbage is an expected event on a topic anybody can write to, so it is a value, not
 * an exception: a consumer loop handles {@link Malformed} (skip it, count it, or turn it into a
 * {@code MALFORMED} denial) and never dies on it. {@code Malformed} keeps the raw bytes so that the
 * record can be hashed, dead-lettered or re-emitted exactly.
 *
 * @param <T> the record type
 */
public sealed interface Decoded<T> permits Decoded.Ok, Decoded.Malformed {

    /**
     * Decodes {@code bytes} with {@code codec}; never throws for any input.
     *
     * <p>A codec that breaks its contract by throwing something other than
     * {@link MalformedRecordException} is reported as {@code Malformed} too, with reason
     * {@code CODEC_DEFECT}, because a lane must not stop on one record whatever the cause.
     *
     * @param bytes the record value; {@code null} is {@code Malformed} with reason {@code EMPTY}
     */
    static <T> Decoded<T> of(RecordCodec<T> codec, byte[] bytes) {
        Objects.requireNonNull(codec, "codec");
        try {
            return new Ok<>(codec.decode(bytes));
        } catch (MalformedRecordException e) {
            return new Malformed<>(e.reason() + ": " + e.detail(), bytes == null ? new byte[0] : bytes);
        } catch (RuntimeException e) {
            return new Malformed<>("CODEC_DEFECT: " + codec + " threw " + e, bytes == null ? new byte[0] : bytes);
        }
    }

    /** A decoded record. */
    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A value that is not a valid record. */
    static <T> Decoded<T> malformed(String reason, byte[] raw) {
        return new Malformed<>(reason, raw);
    }

    /** True for {@link Ok}. */
    boolean isOk();

    /** The record when {@link Ok}, else empty. */
    Optional<T> toOptional();

    /**
     * A decoded record.
     *
     * @param value the record, never null
     * @param <T> the record type
     */
    record Ok<T>(T value) implements Decoded<T> {

        /** Requires a value: absence is a tombstone, which deserializers return as {@code null}. */
        public Ok {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.of(value);
        }
    }

    /**
     * A value that is not a valid record.
     *
     * @param reason what was wrong: the codec's reason code, a colon, and the detail, e.g.
     *     {@code BAD_LENGTH: string declares 4000 bytes but only 3 remain at Proposal.entity}
     * @param raw the value bytes exactly as received (copied in and out)
     * @param <T> the record type it failed to be
     */
    record Malformed<T>(String reason, byte[] raw) implements Decoded<T> {

        /** Copies {@code raw}, so that later changes to the caller's array do not show here. */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            raw = Objects.requireNonNull(raw, "raw").clone();
        }

        /** A copy of the bytes as received. */
        @Override
        public byte[] raw() {
            return raw.clone();
        }

        /** The reason code: the text of {@link #reason()} up to its first colon. */
        public String code() {
            int colon = reason.indexOf(':');
            return colon < 0 ? reason : reason.substring(0, colon);
        }

        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public Optional<T> toOptional() {
            return Optional.empty();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Malformed<?> other && reason.equals(other.reason) && Arrays.equals(raw, other.raw);
        }

        @Override
        public int hashCode() {
            return 31 * reason.hashCode() + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            String head = HexFormat.of().formatHex(raw, 0, Math.min(raw.length, 32));
            return "Malformed[" + reason + ", " + raw.length + " bytes: " + head + (raw.length > 32 ? "..." : "") + "]";
        }
    }
}
