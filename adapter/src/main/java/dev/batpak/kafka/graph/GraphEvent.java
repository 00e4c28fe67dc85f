package dev.batpak.kafka.graph;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One journal record (event or denial) as a node of the causal graph.
 *
 * @param eventId its id
 * @param lane its lane (journal partition)
 * @param clock its clock in its stream {@code (entity, lane)}
 * @param hlc the HLC the sequencer sealed it with
 * @param kind its kind
 * @param entity its coordinate's entity
 * @param scope its coordinate's scope
 * @param correlationId its correlation group
 * @param parents its causation parents, primary first (empty for a root or a denial)
 * @param eventHash its event hash, 64 lowercase hex characters
 * @param prevHash its stream predecessor's event hash (all zeros at genesis), 64 lowercase hex
 */
public record GraphEvent(EventId eventId, int lane, long clock, HlcTimestamp hlc, EventKind kind, String entity,
        String scope, CorrelationId correlationId, List<EventId> parents, String eventHash, String prevHash) {

    private static final String GENESIS = "0".repeat(64);

    /** Validates. */
    public GraphEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(hlc, "hlc");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(correlationId, "correlationId");
        parents = List.copyOf(parents);
        eventHash = hash(eventHash, "eventHash");
        prevHash = hash(prevHash, "prevHash");
        if (lane < 0 || clock < 0) {
            throw new IllegalArgumentException("lane and clock must be >= 0, got lane " + lane + ", clock " + clock);
        }
    }

    private static String hash(String hex, String what) {
        Objects.requireNonNull(hex, what);
        if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException(what + " must be 64 lowercase hex characters, got '" + hex + "'");
        }
        return hex;
    }

    /** The hex form of a 32-byte hash. */
    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** True when this is the first record of its stream. */
    public boolean isGenesis() {
        return GENESIS.equals(prevHash);
    }

    /** True when this record is a denial (kind {@code SYSTEM_DENIAL}). */
    public boolean isDenial() {
        return kind.equals(EventKind.SYSTEM_DENIAL);
    }
}
