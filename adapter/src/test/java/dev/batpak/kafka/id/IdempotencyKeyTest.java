package dev.batpak.kafka.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Pins {@link IdempotencyKey#forOperation} byte for byte. The expected keys were computed with an
 * independent BLAKE3 implementation (a transcription of the BLAKE3 reference) over the
 * length-prefixed encoding of batpak-model section 1.1, so they check both the encoding and the
 * BouncyCastle digest.
 */
class IdempotencyKeyTest {

    @Test
    void goldenVectors() {
        assertEquals("idempotency:69ee2a6f55dba524155a8bed936491e0",
                IdempotencyKey.forOperation("orders.place", "customer-7", "cart-19").toString());
        assertEquals("idempotency:939e3b6bb5ee0cd94bf269c7d22c319d",
                IdempotencyKey.forOperation("ab").toString());
        assertEquals("idempotency:e572dff82304700b856a555ac3a4558d",
                IdempotencyKey.forOperation("").toString());
        assertEquals("idempotency:36989950ffbc5782c11c6cf8a5a7503b",
                IdempotencyKey.forOperation("x", "ab", "c").toString());
        assertEquals("idempotency:c06d76296a53c87fd1b7c0751e953bab",
                IdempotencyKey.forOperation("x", "a", "bc").toString());
    }

    @Test
    void lengthsAreCountedInUtf8Bytes() {
        assertEquals("idempotency:de43e2545b8c80d1271dc8cee697fe14",
                IdempotencyKey.forOperation("dömain", "ünïcode", "€").toString());
    }

    @Test
    void partBoundariesAndCountAreSignificant() {
        assertNotEquals(IdempotencyKey.forOperation("x", "ab", "c"), IdempotencyKey.forOperation("x", "a", "bc"));
        assertNotEquals(IdempotencyKey.forOperation("x", "a"), IdempotencyKey.forOperation("x", "a", ""));
        assertNotEquals(IdempotencyKey.forOperation("xa"), IdempotencyKey.forOperation("x", "a"));
        assertNotEquals(IdempotencyKey.forOperation("x"), IdempotencyKey.forOperation("x", ""));
    }

    @Test
    void theKeyIsTheEventIdOfTheOperation() {
        IdempotencyKey key = IdempotencyKey.forOperation("orders.place", "customer-7");
        assertEquals(key.value(), key.toEventId().value());
    }

    @Test
    void loneSurrogatesAreRefusedBecauseTheyWouldEncodeAsQuestionMarks() {
        assertEquals("INVALID_ID", assertThrows(InvalidIdException.class,
                () -> IdempotencyKey.forOperation("d", "\uD800")).code());
        assertThrows(InvalidIdException.class, () -> IdempotencyKey.forOperation("\uDC00x"));
    }

    @Test
    void nullInputsAreRefused() {
        assertThrows(NullPointerException.class, () -> IdempotencyKey.forOperation(null));
        assertThrows(NullPointerException.class, () -> IdempotencyKey.forOperation("d", (String[]) null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> IdempotencyKey.forOperation("d", "a", null));
        assertEquals("parts[1] is null; every part must be a string", e.getMessage());
    }
}
