package dev.batpak.kafka.verify;

import dev.batpak.kafka.id.EventId;
import java.util.Objects;

/**
 * One thing wrong with the journal, at one record: what ({@link #code()}), where (the journal
 * partition and offset it was read from) and which event (id, entity, clock, when the record
 * decoded), with a sentence that names the broken link.
 *
 * @param code what is wrong
 * @param lane the journal partition the record was read from (which may differ from the event's
 *     own {@code lane} field: see {@link FindingCode#WRONG_LANE})
 * @param journalOffset the record's offset in that partition
 * @param eventId the event's id, or null when the record did not decode
 * @param entity the event's entity, or null when the record did not decode
 * @param clock the event's clock, or {@link #UNKNOWN_CLOCK} when the record did not decode
 * @param message what is wrong, naming the records and hashes involved
 */
public record Finding(
        FindingCode code,
        int lane,
        long journalOffset,
        EventId eventId,
        String entity,
        long clock,
        String message) {

    /** The {@link #clock()} of a finding about a record that is not an event. */
    public static final long UNKNOWN_CLOCK = -1;

    /** Validates. */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (lane < 0 || journalOffset < 0) {
            throw new IllegalArgumentException("a finding needs a non-negative lane and offset, got lane " + lane
                    + " offset " + journalOffset);
        }
    }

    /** A finding about a record that is not a decodable event: no id, entity or clock. */
    public static Finding atRecord(FindingCode code, int lane, long journalOffset, String message) {
        return new Finding(code, lane, journalOffset, null, null, UNKNOWN_CLOCK, message);
    }

    /** Whether the record decoded as an event, so that id, entity and clock are known. */
    public boolean hasEvent() {
        return eventId != null;
    }

    /**
     * One line for people: {@code lane 0 offset 17 CONTENT_HASH_MISMATCH event:… order:1 clock 3: …}.
     */
    public String describe() {
        StringBuilder line = new StringBuilder()
                .append("lane ").append(lane).append(" offset ").append(journalOffset).append("  ").append(code);
        if (eventId != null) {
            line.append("  ").append(eventId);
        }
        if (entity != null) {
            line.append(' ').append(entity);
        }
        if (clock != UNKNOWN_CLOCK) {
            line.append(" clock ").append(clock);
        }
        return line.append(": ").append(message).toString();
    }
}
