package dev.batpak.kafka.verify;

/**
 * What a {@link Finding} says is wrong with the journal. The names are stable: they appear in
 * {@code batpak verify --json} output and in {@code docs/verify.md}, and scripts may switch on
 * them.
 *
 * <p>Why so many codes instead of "corrupt": each one points at a different cause and a
 * different repair. A flipped payload byte ({@link #CONTENT_HASH_MISMATCH}) is a storage or
 * tampering problem in one record; a {@link #CLOCK_GAP} is a lost record; a
 * {@link #DUPLICATE_CLOCK} is a fork, two sequencers writing one stream.
 */
public enum FindingCode {

    /** A record's value is not a {@code JournalEvent} (not Avro single-object encoded, truncated, a tombstone). */
    UNDECODABLE_RECORD,
    /** The record decodes, but is not a well-formed sealed event (unknown format version, invalid coordinate, out-of-range field). */
    MALFORMED_EVENT,
    /** The event id was already used by an earlier record of the journal. */
    DUPLICATE_EVENT_ID,
    /** The event's {@code lane} field differs from the journal partition it was read from. */
    WRONG_LANE,
    /** {@code BLAKE3(payload)} is not the stored {@code contentHash}: the payload changed after sealing. */
    CONTENT_HASH_MISMATCH,
    /** The event hash does not recompute from the stored header and prev hash: a hashed field changed after sealing. */
    EVENT_HASH_MISMATCH,
    /** The stream's event at clock 0 does not carry the genesis prev hash (32 zero bytes). */
    BAD_GENESIS,
    /** The event's {@code prevHash} is not the {@code eventHash} of the event at clock − 1 of its stream. */
    BROKEN_LINK,
    /** Clocks of the stream are missing before this event (an event was lost or removed). */
    CLOCK_GAP,
    /** Two different events claim the same clock of one stream (a fork). */
    DUPLICATE_CLOCK,
    /** The event is in the journal at a position that contradicts its clock (records reordered). */
    CLOCK_OUT_OF_ORDER,
    /** Verifying keys are configured but the event carries no signature. */
    UNSIGNED_EVENT,
    /** The event's signature is malformed, made by an unknown key, or does not verify. */
    BAD_SIGNATURE,
    /** The journal partition no longer starts at offset 0: records were deleted (retention or DeleteRecords). */
    LANE_TRUNCATED
}
