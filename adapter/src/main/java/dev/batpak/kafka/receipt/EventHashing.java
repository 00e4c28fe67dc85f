package dev.batpak.kafka.receipt;

import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.internal.hash.CanonicalEncoder;
import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The single definition of a journal event's content hash and event hash, used by the sequencer
 * when it seals an event and by every verifier (the receipt verifier, the {@code verify}
 * command). The byte layout is specified in {@code docs/hashing.md}; this class is its only
 * implementation, and a golden test pins its output.
 *
 * <pre>
 * content_hash = BLAKE3(payload)
 * event_hash   = BLAKE3( u32 len ‖ "batpak-kafka/event/v1" ‖ prev_hash(32) ‖ canonical header ‖ payload )
 * </pre>
 *
 * <p>Why the header is inside the event hash: batpak hashes the payload alone, so two events of
 * one stream with identical payloads have the same hash and a parent named "by hash" is
 * ambiguous, and nothing but a (possibly absent) signature binds the id, coordinate, kind or
 * clock to the chain. Here the hash binds the previous hash, the event's identity, position,
 * coordinate, kind, metadata and payload, so every event hash is unique in practice and an
 * unsigned journal still detects a rewritten header.
 *
 * <p>Genesis rule: the first event (clock 0) of every {@code (entity, lane)} stream has
 * {@code prev_hash} = 32 zero bytes ({@link #genesisPrevHash()}); every later event carries the
 * event hash of the event at clock − 1 of the same stream. Branch lanes start their own chain.
 *
 * <p>Fields outside the hash: {@code formatVersion} (the domain tag carries the layout version),
 * {@code keyed}, {@code proposalOffset} and {@code batch} (transport facts of how the event
 * arrived, bound by the signed commit receipt instead), and {@code signature} (it signs a cover
 * that contains this hash, so it cannot be inside it).
 */
public final class EventHashing {

    /** The domain tag that starts every event hash input; the {@code v1} is the layout version. */
    public static final String DOMAIN_TAG = "batpak-kafka/event/v1";

    /** Length in bytes of content hashes, event hashes and prev hashes. */
    public static final int HASH_LENGTH = Blake3.DIGEST_LENGTH;

    private static final byte[] DOMAIN_TAG_BYTES = DOMAIN_TAG.getBytes(StandardCharsets.US_ASCII);
    /** {@code u32 len ‖ tag}: the constant start of every event hash input, built once. */
    private static final byte[] DOMAIN_PREFIX = domainPrefix();
    private static final int ID_LENGTH = 16;

    private EventHashing() {}

    /** The prev hash of a stream's first event: 32 zero bytes (a new array each call). */
    public static byte[] genesisPrevHash() {
        return new byte[HASH_LENGTH];
    }

    /** Whether {@code hash} is the genesis prev hash (32 zero bytes). */
    public static boolean isGenesisPrevHash(byte[] hash) {
        Objects.requireNonNull(hash, "hash");
        return MessageDigest.isEqual(hash, new byte[HASH_LENGTH]);
    }

    /** {@code BLAKE3(payload)}. */
    public static byte[] contentHash(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        return Blake3.hash(payload);
    }

    /** {@code BLAKE3} of the remaining bytes of {@code payload}; the buffer's position is not moved. */
    public static byte[] contentHash(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        return Blake3.newHasher().update(payload).digest();
    }

    /**
     * The event hash of {@code event}, computed from its own {@code prevHash} and
     * {@code payload}. The stored {@code contentHash} and {@code eventHash} fields are ignored
     * (the content hash inside the header is recomputed from the payload), so this works on an
     * event whose hash fields are still placeholders.
     *
     * @throws EventHashException if a field is missing or out of range
     */
    public static byte[] eventHash(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        return eventHash(hash32("prevHash", event.getPrevHash()), event, payloadOf(event));
    }

    /**
     * The event hash of the header fields of {@code header} with the given {@code prevHash} and
     * {@code payload} (the record's own prevHash, payload, hashes, signature, proposal offset and
     * batch are ignored). For callers that assemble the record after hashing.
     *
     * @throws EventHashException if a field is missing or out of range
     */
    public static byte[] eventHash(byte[] prevHash, JournalEvent header, ByteBuffer payload) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        return eventHash(prevHash, header, payload, contentHash(payload));
    }

    /** The event hash, given the content hash of {@code payload} already computed by the caller. */
    private static byte[] eventHash(byte[] prevHash, JournalEvent header, ByteBuffer payload, byte[] contentHash) {
        if (prevHash == null || prevHash.length != HASH_LENGTH) {
            throw new EventHashException("prevHash must be " + HASH_LENGTH + " bytes, got "
                    + (prevHash == null ? "null" : prevHash.length + " bytes")
                    + "; use EventHashing.genesisPrevHash() for the first event of a stream");
        }
        CanonicalEncoder canonical = canonicalHeader(header, contentHash, payload.remaining());
        Blake3.Hasher hasher = Blake3.newHasher();
        hasher.update(DOMAIN_PREFIX);
        hasher.update(prevHash);
        canonical.writeTo(hasher);
        hasher.update(payload);
        return hasher.digest();
    }

    /**
     * The canonical header bytes of {@code event} (everything between the prev hash and the
     * payload in the event hash input), for debugging and for other implementations to compare
     * against.
     *
     * @throws EventHashException if a field is missing or out of range
     */
    public static byte[] canonicalHeaderBytes(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        ByteBuffer payload = payloadOf(event);
        return canonicalHeader(event, contentHash(payload), payload.remaining()).toByteArray();
    }

    /**
     * A copy of {@code event} with {@code contentHash} and {@code eventHash} computed from its
     * payload, prev hash and header: what the sequencer writes to the journal. Whatever 32 bytes
     * the input carries in those two fields are ignored. The input is not modified.
     *
     * @throws EventHashException if a field is missing or out of range
     */
    public static JournalEvent seal(JournalEvent event) {
        return sealedBuilder(event).build();
    }

    /**
     * A builder copy of {@code event} with both hashes computed, as {@link #seal} returns it before
     * {@code build()}: for callers that set more fields (the signature) on the sealed copy without
     * copying it a second time. The payload is hashed once for the content hash, which is then used
     * inside the event hash.
     *
     * @throws EventHashException if a field is missing or out of range
     */
    static JournalEvent.Builder sealedBuilder(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        ByteBuffer payload = payloadOf(event);
        byte[] content = contentHash(payload);
        byte[] hash = eventHash(hash32("prevHash", event.getPrevHash()), event, payload, content);
        return JournalEvent.newBuilder(event)
                .setContentHash(new Hash32(content))
                .setEventHash(new Hash32(hash));
    }

    /**
     * Whether the stored {@code contentHash} and {@code eventHash} of {@code event} are what its
     * payload and fields recompute to. An event that cannot be hashed at all (a missing or
     * out-of-range field) does not verify.
     */
    public static boolean verify(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            byte[] storedContent = hash32("contentHash", event.getContentHash());
            byte[] storedEvent = hash32("eventHash", event.getEventHash());
            ByteBuffer payload = payloadOf(event);
            byte[] content = contentHash(payload);
            // The event hash binds the recomputed content hash, so it is computed from that one
            // (equal to the stored one, or the first test already failed).
            return MessageDigest.isEqual(storedContent, content)
                    && MessageDigest.isEqual(storedEvent,
                            eventHash(hash32("prevHash", event.getPrevHash()), event, payload, content));
        } catch (EventHashException e) {
            return false;
        }
    }

    /**
     * Whether {@code event} obeys the genesis rule on its own: clock 0 has the zero prev hash and
     * no later clock does. (That a later event's prev hash is its predecessor's event hash needs
     * the predecessor; chain walkers check it.)
     */
    public static boolean genesisRuleHolds(JournalEvent event) {
        Objects.requireNonNull(event, "event");
        Hash32 prev = event.getPrevHash();
        if (prev == null || prev.bytes() == null || prev.bytes().length != HASH_LENGTH) {
            return false;
        }
        return (event.getClock() == 0) == isGenesisPrevHash(prev.bytes());
    }

    /** The one-byte code of a payload encoding in the canonical header (pinned, not the enum ordinal). */
    static int encodingCode(PayloadEncoding encoding) {
        switch (encoding) {
            case RAW:
                return 0;
            case JSON:
                return 1;
            case AVRO:
                return 2;
            default:
                throw new EventHashException("payload encoding " + encoding
                        + " has no canonical code; add one to EventHashing and docs/hashing.md");
        }
    }

    private static CanonicalEncoder canonicalHeader(JournalEvent e, byte[] contentHash, long payloadLength) {
        try {
            CanonicalEncoder out = new CanonicalEncoder(256);
            out.fixed("eventId", id16("eventId", e.getEventId()), ID_LENGTH);
            out.utf8("entity", required("entity", e.getEntity()));
            out.utf8("scope", required("scope", e.getScope()));
            out.u32("lane", required("lane", e.getLane()));
            out.u64("clock", required("clock", e.getClock()));
            out.u16("kind", required("kind", e.getKind()));
            out.u16("payloadVersion", required("payloadVersion", e.getPayloadVersion()));
            out.u8("encoding", encodingCode(required("encoding", e.getEncoding())));
            Integer schemaId = e.getPayloadSchemaId();
            out.u8("payloadSchemaId present", schemaId == null ? 0 : 1);
            out.bits32(schemaId == null ? 0 : schemaId);
            out.fixed("contentHash", contentHash, HASH_LENGTH);
            out.fixed("correlationId", id16("correlationId", e.getCorrelationId()), ID_LENGTH);
            List<Id16> causes = required("causes", e.getCauses());
            out.u32("causes count", causes.size());
            for (int i = 0; i < causes.size(); i++) {
                Id16 cause = causes.get(i);
                if (cause == null || cause.bytes() == null || cause.bytes().length != ID_LENGTH) {
                    // the indexed name is built only here, on the way to the error
                    out.fixed("causes[" + i + "]", id16("causes[" + i + "]", cause), ID_LENGTH);
                }
                out.fixed("causes", cause.bytes(), ID_LENGTH);
            }
            out.bits32(required("flags", e.getFlags()));
            writeExtensions(out, required("extensions", e.getExtensions()));
            out.bits64(required("hlc", e.getHlc()));
            out.u64("payload length", payloadLength);
            return out;
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new EventHashException("event " + describe(e) + " cannot be hashed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes extensions as {@code u32 count}, then each {@code key, value} sorted by the key's
     * UTF-8 bytes. Duplicate keys are refused: they would make the meaning of the list depend on
     * which one a reader keeps.
     */
    static void writeExtensions(CanonicalEncoder out, List<Extension> extensions) {
        List<byte[][]> entries = new ArrayList<>(extensions.size());
        for (int i = 0; i < extensions.size(); i++) {
            Extension ext = Objects.requireNonNull(extensions.get(i), "extensions[" + i + "]");
            byte[] key = Objects.requireNonNull(ext.getKey(), "extensions[" + i + "].key").getBytes(StandardCharsets.UTF_8);
            ByteBuffer value = Objects.requireNonNull(ext.getValue(), "extensions[" + i + "].value").duplicate();
            byte[] valueBytes = new byte[value.remaining()];
            value.get(valueBytes);
            entries.add(new byte[][] {key, valueBytes});
        }
        entries.sort((a, b) -> java.util.Arrays.compareUnsigned(a[0], b[0]));
        out.u32("extensions count", entries.size());
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0 && java.util.Arrays.equals(entries.get(i - 1)[0], entries.get(i)[0])) {
                throw new IllegalArgumentException("extensions contain the key '"
                        + new String(entries.get(i)[0], StandardCharsets.UTF_8) + "' twice");
            }
            out.bytes("extension key", entries.get(i)[0]);
            out.bytes("extension value", entries.get(i)[1]);
        }
    }

    private static ByteBuffer payloadOf(JournalEvent event) {
        ByteBuffer payload = event.getPayload();
        if (payload == null) {
            throw new EventHashException("event " + describe(event) + " has no payload field; an empty payload is an empty buffer, not null");
        }
        return payload.duplicate();
    }

    private static byte[] hash32(String field, Hash32 hash) {
        if (hash == null || hash.bytes() == null || hash.bytes().length != HASH_LENGTH) {
            throw new EventHashException(field + " must be " + HASH_LENGTH + " bytes"
                    + (hash == null ? ", got null" : ""));
        }
        return hash.bytes();
    }

    private static byte[] id16(String field, Id16 id) {
        if (id == null || id.bytes() == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return id.bytes();
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static byte[] domainPrefix() {
        int length = DOMAIN_TAG_BYTES.length;
        byte[] prefix = new byte[4 + length];
        prefix[0] = (byte) (length >>> 24);
        prefix[1] = (byte) (length >>> 16);
        prefix[2] = (byte) (length >>> 8);
        prefix[3] = (byte) length;
        System.arraycopy(DOMAIN_TAG_BYTES, 0, prefix, 4, length);
        return prefix;
    }

    private static String describe(JournalEvent e) {
        return (e.getEntity() == null ? "?" : e.getEntity()) + "@" + (e.getScope() == null ? "?" : e.getScope())
                + " lane " + e.getLane() + " clock " + e.getClock();
    }
}
