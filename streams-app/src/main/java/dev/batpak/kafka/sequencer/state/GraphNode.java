package dev.batpak.kafka.sequencer.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One journal record (an event or a denial) as a node of the causal graph: where it is, its HLC,
 * its place in its stream's hash chain, its correlation group and its causation parents.
 *
 * <p>Kept in {@link GraphLayout#STORE} by the lane that sealed it, in the same transaction as the
 * journal record, so the graph never shows a record the journal does not have.
 *
 * @param lane the lane (journal partition)
 * @param clock the record's clock in its stream
 * @param hlc the packed HLC it was sealed with
 * @param kind the raw 16-bit kind
 * @param entity the coordinate's entity
 * @param scope the coordinate's scope
 * @param eventHash its event hash (32 bytes)
 * @param prevHash its stream predecessor's event hash, 32 zero bytes at genesis
 * @param correlationId its correlation id (16 bytes)
 * @param parents its causation parents (16 bytes each), primary first; empty for a root or a denial
 */
public record GraphNode(int lane, long clock, long hlc, int kind, String entity, String scope, byte[] eventHash,
        byte[] prevHash, byte[] correlationId, List<byte[]> parents) {

    private static final int VERSION = 1;

    /** Validates and copies. */
    public GraphNode {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(scope, "scope");
        eventHash = fixed(eventHash, 32, "eventHash");
        prevHash = fixed(prevHash, 32, "prevHash");
        correlationId = fixed(correlationId, 16, "correlationId");
        List<byte[]> copies = new ArrayList<>(parents.size());
        for (byte[] parent : parents) {
            copies.add(fixed(parent, 16, "parent"));
        }
        parents = List.copyOf(copies);
    }

    private static byte[] fixed(byte[] bytes, int length, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }

    /** A copy of the event hash. */
    @Override
    public byte[] eventHash() {
        return eventHash.clone();
    }

    /** A copy of the previous hash. */
    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    /** A copy of the correlation id. */
    @Override
    public byte[] correlationId() {
        return correlationId.clone();
    }

    /** Copies of the parents, primary first. */
    @Override
    public List<byte[]> parents() {
        return parents.stream().map(byte[]::clone).toList();
    }

    /** True when this record is the first of its stream (its previous hash is all zeros). */
    public boolean isGenesis() {
        for (byte b : prevHash) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The store value. */
    public byte[] encode() {
        Bin.Writer out = new Bin.Writer(160 + entity.length() + scope.length() + 16 * parents.size()).u8(VERSION)
                .i32(lane).i64(clock).i64(hlc).i32(kind).utf8(entity).utf8(scope).fixed(eventHash, 32)
                .fixed(prevHash, 32).fixed(correlationId, 16).i32(parents.size());
        for (byte[] parent : parents) {
            out.fixed(parent, 16);
        }
        return out.toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws StateFormatException if the bytes are not a graph node of this release
     */
    public static GraphNode decode(byte[] bytes) {
        Bin.Reader in = new Bin.Reader(bytes, "graph node");
        in.version(VERSION);
        int lane = in.i32();
        long clock = in.i64();
        long hlc = in.i64();
        int kind = in.i32();
        String entity = in.utf8();
        String scope = in.utf8();
        byte[] eventHash = in.fixed(32);
        byte[] prevHash = in.fixed(32);
        byte[] correlation = in.fixed(16);
        int count = in.i32();
        if (count < 0 || count > 65_536) {
            throw new StateFormatException("graph node has an impossible parent count " + count);
        }
        List<byte[]> parents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parents.add(in.fixed(16));
        }
        in.end();
        return new GraphNode(lane, clock, hlc, kind, entity, scope, eventHash, prevHash, correlation, parents);
    }

    /** Field-wise equality, arrays by content. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GraphNode n) || lane != n.lane || clock != n.clock || hlc != n.hlc || kind != n.kind
                || !entity.equals(n.entity) || !scope.equals(n.scope) || !Arrays.equals(eventHash, n.eventHash)
                || !Arrays.equals(prevHash, n.prevHash) || !Arrays.equals(correlationId, n.correlationId)
                || parents.size() != n.parents.size()) {
            return false;
        }
        for (int i = 0; i < parents.size(); i++) {
            if (!Arrays.equals(parents.get(i), n.parents.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        int h = Objects.hash(lane, clock, hlc, kind, entity, scope);
        h = 31 * h + Arrays.hashCode(eventHash);
        h = 31 * h + Arrays.hashCode(correlationId);
        for (byte[] parent : parents) {
            h = 31 * h + Arrays.hashCode(parent);
        }
        return h;
    }

    /** Readable form with hex ids and hashes. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "GraphNode[lane=" + lane + ", clock=" + clock + ", hlc=" + hlc + ", kind=" + kind + ", entity="
                + entity + ", scope=" + scope + ", eventHash=" + hex.formatHex(eventHash) + ", prevHash="
                + hex.formatHex(prevHash) + ", correlationId=" + hex.formatHex(correlationId) + ", parents="
                + parents.stream().map(hex::formatHex).toList() + "]";
    }
}
