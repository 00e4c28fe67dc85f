package dev.batpak.kafka.sequencer.internal;

import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.CoordinateException;
import dev.batpak.kafka.event.ExtensionKey;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.schemas.codec.RecordCodec;
import dev.batpak.kafka.schemas.codec.MalformedRecordException;
import dev.batpak.kafka.sequencer.DenialCodes;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decode check: raw record bytes to a proposal the later checks can trust, or the reason
 * they cannot.
 *
 * <p>Total by construction: every input gives {@link Valid} or {@link Invalid}, never an
 * exception, because a proposals partition may hold anything a producer wrote and one bad
 * record must not stop its lane. Everything later code relies on is checked here once: the
 * schema, the format version, the coordinate rules, 16-bit kind and payload version, that the
 * declared content hash is the payload's, extension keys that are well formed and unique, and a
 * sensible expected sequence.
 */
sealed interface Intake permits Intake.Valid, Intake.Invalid {

    /** The only proposal format version this sequencer seals. */
    int FORMAT_VERSION = 1;

    /**
     * A proposal that passed the decode check.
     *
     * @param proposal the decoded proposal
     * @param coordinate its validated coordinate
     */
    record Valid(Proposal proposal, Coordinate coordinate) implements Intake {
    }

    /**
     * Bytes that are not a valid proposal.
     *
     * @param code {@link DenialCodes#MALFORMED} or {@link DenialCodes#INVALID_COORDINATE}
     * @param message what was wrong
     * @param context evidence (reason, component, ...)
     * @param proposal the decoded proposal when decoding got that far, else null
     * @param recordHash BLAKE3 of the record's value bytes
     */
    record Invalid(String code, String message, List<Map.Entry<String, String>> context, Proposal proposal,
            byte[] recordHash) implements Intake {
    }

    /** Decodes and validates one record value. */
    static Intake read(byte[] value, RecordCodec<Proposal> codec) {
        Proposal proposal;
        try {
            proposal = codec.decode(value);
        } catch (MalformedRecordException e) {
            return malformed(value, null, e.reason().name(), e.getMessage());
        }
        if (proposal.getFormatVersion() != FORMAT_VERSION) {
            return malformed(value, proposal, "UNSUPPORTED_FORMAT_VERSION", "proposal format version "
                    + proposal.getFormatVersion() + " is not supported (this sequencer seals version "
                    + FORMAT_VERSION + "); upgrade the sequencer before the writers");
        }
        Coordinate coordinate;
        try {
            coordinate = Coordinate.of(proposal.getEntity(), proposal.getScope());
        } catch (CoordinateException e) {
            return new Invalid(DenialCodes.INVALID_COORDINATE, e.getMessage(),
                    List.of(Map.entry("reason", e.reason().name()), Map.entry("component", e.component())),
                    proposal, Blake3.hash(value));
        }
        String problem = problem(proposal);
        if (problem != null) {
            return malformed(value, proposal, "INVALID_FIELD", problem);
        }
        return new Valid(proposal, coordinate);
    }

    private static String problem(Proposal p) {
        if (p.getKind() < 0 || p.getKind() > 0xFFFF) {
            return "kind " + p.getKind() + " does not fit 16 bits";
        }
        if (p.getPayloadVersion() < 0 || p.getPayloadVersion() > 0xFFFF) {
            return "payloadVersion " + p.getPayloadVersion() + " does not fit 16 bits";
        }
        if (p.getPayloadSchemaId() != null && p.getEncoding() != PayloadEncoding.AVRO) {
            return "a payload schema id is only allowed with AVRO encoding, not " + p.getEncoding();
        }
        ByteBuffer payload = p.getPayload().duplicate();
        if (!java.util.Arrays.equals(Blake3.newHasher().update(payload).digest(), p.getContentHash().bytes())) {
            return "contentHash is not BLAKE3 of the payload";
        }
        Set<String> keys = new HashSet<>();
        for (Extension extension : p.getExtensions()) {
            try {
                ExtensionKey.decode(extension.getKey());
            } catch (BatpakException e) {
                return "extension key is invalid: " + e.getMessage();
            }
            if (!keys.add(extension.getKey())) {
                return "extension key '" + extension.getKey() + "' appears twice";
            }
        }
        if (p.getExpectation() == ExpectationMode.EXACT && p.getExpectedSequence() < 0) {
            return "expectation EXACT needs an expectedSequence >= 0, got " + p.getExpectedSequence();
        }
        return null;
    }

    private static Invalid malformed(byte[] value, Proposal proposal, String reason, String message) {
        return new Invalid(DenialCodes.MALFORMED, message, List.of(Map.entry("reason", reason)), proposal,
                Blake3.hash(value == null ? new byte[0] : value));
    }
}
