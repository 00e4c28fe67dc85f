package dev.batpak.kafka.receipt;

import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.CanonicalEncoder;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The sequencer's statement that an event was sealed into the journal: its identity, where it
 * is (lane, per-stream clock, proposal offset), what it is (coordinate, kind, HLC), and the
 * hashes that tie it to its stream's chain and to its payload, optionally signed with Ed25519.
 *
 * <p>Why it carries so much more than batpak's receipt: batpak's receipt holds only the id,
 * sequence and content hash, so a verifier needs the store to learn the coordinate, kind and
 * prev hash it signed. This receipt carries every field of its signed cover
 * ({@link ReceiptCover}), so {@link ReceiptVerifier} checks it with public keys alone, and
 * compares it field by field with a journal event when one is at hand.
 *
 * <p>This is the model form of the Avro {@code dev.batpak.kafka.schemas.CommitReceipt}
 * ({@link #toAvro()}, {@link #fromAvro}). Byte arrays are copied in and out; equality compares
 * contents.
 *
 * @param eventId the sealed event's id
 * @param coordinate its entity and scope
 * @param lane its lane (journal partition)
 * @param clock its position in the {@code (entity, lane)} stream, from 0
 * @param proposalOffset the offset of the proposal it was sealed from, in the lane's proposals partition
 * @param kind its kind
 * @param hlc the hybrid logical clock the sequencer sealed it with
 * @param prevHash the event hash of the stream's previous event (32 zero bytes at clock 0)
 * @param eventHash its event hash ({@link EventHashing})
 * @param contentHash {@code BLAKE3(payload)}
 * @param extensions receipt extensions, sorted by the UTF-8 bytes of the key
 * @param signature the signature block, absent for an unsigned receipt
 */
public record CommitReceipt(
        EventId eventId,
        Coordinate coordinate,
        int lane,
        long clock,
        long proposalOffset,
        EventKind kind,
        HlcTimestamp hlc,
        byte[] prevHash,
        byte[] eventHash,
        byte[] contentHash,
        SortedMap<String, byte[]> extensions,
        Optional<ReceiptSignature> signature) {

    /** The Avro {@code formatVersion} this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final HexFormat HEX = HexFormat.of();

    /** Validates every field and copies the arrays and the map. */
    public CommitReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hlc, "hlc");
        Objects.requireNonNull(signature, "signature (use Optional.empty() for an unsigned receipt)");
        if (lane < 0 || clock < 0 || proposalOffset < 0) {
            throw new ReceiptFormatException("lane, clock and proposalOffset must be non-negative, got lane "
                    + lane + ", clock " + clock + ", proposalOffset " + proposalOffset);
        }
        prevHash = hash("prevHash", prevHash);
        eventHash = hash("eventHash", eventHash);
        contentHash = hash("contentHash", contentHash);
        extensions = copyExtensions(extensions);
    }

    /**
     * The receipt of a sealed journal event, carrying the event's own signature block if it has
     * one. The stored hashes are taken as they are; {@link ReceiptVerifier#verifyAgainst} checks
     * that they recompute.
     *
     * @throws ReceiptFormatException if the event is not a well-formed sealed event of a format
     *     version this library understands
     */
    public static CommitReceipt fromJournal(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        checkFormatVersion("journal event", event.getFormatVersion());
        try {
            return new CommitReceipt(
                    EventId.fromBytes(id16("eventId", event.getEventId())),
                    Coordinate.of(event.getEntity(), event.getScope()),
                    event.getLane(),
                    event.getClock(),
                    event.getProposalOffset(),
                    EventKind.fromRaw(event.getKind()),
                    HlcTimestamp.fromPacked(event.getHlc()),
                    hash32("prevHash", event.getPrevHash()),
                    hash32("eventHash", event.getEventHash()),
                    hash32("contentHash", event.getContentHash()),
                    extensionsFromAvro(event.getExtensions()),
                    Optional.ofNullable(event.getSignature()).map(ReceiptSignature::fromAvro));
        } catch (ReceiptFormatException e) {
            throw e;
        } catch (BatpakException | IllegalArgumentException | NullPointerException e) {
            throw new ReceiptFormatException("journal event cannot be read as a commit receipt: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the Avro form.
     *
     * @throws ReceiptFormatException if a field is missing or invalid, or the format version is
     *     newer than {@link #FORMAT_VERSION}
     */
    public static CommitReceipt fromAvro(dev.batpak.kafka.schemas.CommitReceipt avro) {
        Objects.requireNonNull(avro, "avro");
        checkFormatVersion("commit receipt", avro.getFormatVersion());
        try {
            return new CommitReceipt(
                    EventId.fromBytes(id16("eventId", avro.getEventId())),
                    Coordinate.of(avro.getEntity(), avro.getScope()),
                    avro.getLane(),
                    avro.getClock(),
                    avro.getProposalOffset(),
                    EventKind.fromRaw(avro.getKind()),
                    HlcTimestamp.fromPacked(avro.getHlc()),
                    hash32("prevHash", avro.getPrevHash()),
                    hash32("eventHash", avro.getEventHash()),
                    hash32("contentHash", avro.getContentHash()),
                    extensionsFromAvro(avro.getExtensions()),
                    Optional.ofNullable(avro.getSignature()).map(ReceiptSignature::fromAvro));
        } catch (ReceiptFormatException e) {
            throw e;
        } catch (BatpakException | IllegalArgumentException | NullPointerException e) {
            throw new ReceiptFormatException("commit receipt cannot be read: " + e.getMessage(), e);
        }
    }

    /** The Avro form, with extensions sorted by key (fresh arrays and buffers). */
    public dev.batpak.kafka.schemas.CommitReceipt toAvro() {
        return dev.batpak.kafka.schemas.CommitReceipt.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setEventId(new Id16(eventId.toBytes()))
                .setEntity(coordinate.entity())
                .setScope(coordinate.scope())
                .setLane(lane)
                .setClock(clock)
                .setProposalOffset(proposalOffset)
                .setKind(kind.raw())
                .setHlc(hlc.packed())
                .setPrevHash(new Hash32(prevHash.clone()))
                .setEventHash(new Hash32(eventHash.clone()))
                .setContentHash(new Hash32(contentHash.clone()))
                .setExtensions(extensionsToAvro())
                .setSignature(signature.map(ReceiptSignature::toAvro).orElse(null))
                .build();
    }

    /** The extensions as Avro records, sorted by key: the form stored in journal events too. */
    public List<Extension> extensionsToAvro() {
        List<Extension> out = new ArrayList<>(extensions.size());
        extensions.forEach((k, v) -> out.add(new Extension(k, ByteBuffer.wrap(v.clone()))));
        return out;
    }

    /** This receipt with {@code signature} as its signature block. */
    public CommitReceipt withSignature(ReceiptSignature signature) {
        Objects.requireNonNull(signature, "signature");
        return new CommitReceipt(eventId, coordinate, lane, clock, proposalOffset, kind, hlc, prevHash, eventHash,
                contentHash, extensions, Optional.of(signature));
    }

    /** This receipt without a signature block. */
    public CommitReceipt withoutSignature() {
        return new CommitReceipt(eventId, coordinate, lane, clock, proposalOffset, kind, hlc, prevHash, eventHash,
                contentHash, extensions, Optional.empty());
    }

    /** A copy of the prev hash. */
    @Override
    public byte[] prevHash() {
        return prevHash.clone();
    }

    /** A copy of the event hash. */
    @Override
    public byte[] eventHash() {
        return eventHash.clone();
    }

    /** A copy of the content hash. */
    @Override
    public byte[] contentHash() {
        return contentHash.clone();
    }

    /** An unmodifiable copy of the extensions, sorted by the UTF-8 bytes of the key. */
    @Override
    public SortedMap<String, byte[]> extensions() {
        return copyExtensions(extensions);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommitReceipt other
                && eventId.equals(other.eventId)
                && coordinate.equals(other.coordinate)
                && lane == other.lane
                && clock == other.clock
                && proposalOffset == other.proposalOffset
                && kind.equals(other.kind)
                && hlc.equals(other.hlc)
                && Arrays.equals(prevHash, other.prevHash)
                && Arrays.equals(eventHash, other.eventHash)
                && Arrays.equals(contentHash, other.contentHash)
                && extensionsEqual(extensions, other.extensions)
                && signature.equals(other.signature);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(eventId, coordinate, lane, clock, proposalOffset, kind, hlc, signature);
        h = 31 * h + Arrays.hashCode(prevHash);
        h = 31 * h + Arrays.hashCode(eventHash);
        h = 31 * h + Arrays.hashCode(contentHash);
        for (Map.Entry<String, byte[]> e : extensions.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder ext = new StringBuilder();
        extensions.forEach((k, v) -> ext.append(ext.length() == 0 ? "" : ", ").append(k).append('=').append(HEX.formatHex(v)));
        return "CommitReceipt[" + eventId + ", " + coordinate + ", lane=" + lane + ", clock=" + clock
                + ", proposalOffset=" + proposalOffset + ", kind=" + kind + ", hlc=" + hlc
                + ", prevHash=" + HEX.formatHex(prevHash) + ", eventHash=" + HEX.formatHex(eventHash)
                + ", contentHash=" + HEX.formatHex(contentHash) + ", extensions={" + ext + "}"
                + ", signature=" + signature.map(ReceiptSignature::toString).orElse("none") + "]";
    }

    /** Whether two extension maps have the same keys with the same value bytes. */
    static boolean extensionsEqual(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            byte[] other = b.get(e.getKey());
            if (other == null || !Arrays.equals(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads an Avro extension list into a sorted map.
     *
     * @throws ReceiptFormatException if a key repeats or an entry is incomplete
     */
    static SortedMap<String, byte[]> extensionsFromAvro(List<Extension> list) {
        if (list == null) {
            throw new ReceiptFormatException("extensions field is missing (an empty list means none)");
        }
        SortedMap<String, byte[]> map = new TreeMap<>(CanonicalEncoder.UTF8_ORDER);
        for (Extension ext : list) {
            if (ext == null || ext.getKey() == null || ext.getValue() == null) {
                throw new ReceiptFormatException("an extension entry lacks its key or value");
            }
            ByteBuffer view = ext.getValue().duplicate();
            byte[] value = new byte[view.remaining()];
            view.get(value);
            if (map.put(ext.getKey(), value) != null) {
                throw new ReceiptFormatException("extension key '" + ext.getKey() + "' appears twice");
            }
        }
        return map;
    }

    private static SortedMap<String, byte[]> copyExtensions(Map<String, byte[]> source) {
        Objects.requireNonNull(source, "extensions (use an empty map for none)");
        TreeMap<String, byte[]> copy = new TreeMap<>(CanonicalEncoder.UTF8_ORDER);
        source.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new ReceiptFormatException("extension keys and values must not be null");
            }
            copy.put(k, v.clone());
        });
        if (copy.size() != source.size()) {
            throw new ReceiptFormatException("extension keys must be distinct");
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    private static byte[] hash(String field, byte[] value) {
        if (value == null || value.length != EventHashing.HASH_LENGTH) {
            throw new ReceiptFormatException(field + " must be " + EventHashing.HASH_LENGTH + " bytes, got "
                    + (value == null ? "null" : value.length + " bytes"));
        }
        return value.clone();
    }

    private static byte[] hash32(String field, Hash32 value) {
        if (value == null) {
            throw new ReceiptFormatException(field + " is missing");
        }
        return value.bytes();
    }

    private static byte[] id16(String field, Id16 value) {
        if (value == null) {
            throw new ReceiptFormatException(field + " is missing");
        }
        return value.bytes();
    }

    private static void checkFormatVersion(String what, int version) {
        if (version != FORMAT_VERSION) {
            throw new ReceiptFormatException(what + " has format version " + version + " but this library reads only version "
                    + FORMAT_VERSION + (version > FORMAT_VERSION ? "; upgrade batpak-kafka to read it" : ""));
        }
    }
}
