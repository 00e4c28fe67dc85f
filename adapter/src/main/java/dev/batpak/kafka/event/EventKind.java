package dev.batpak.kafka.event;

import java.util.Objects;
import java.util.Optional;

/**
 * What kind of fact an event records: a 16-bit value, upper 4 bits the category
 * ({@code 0..15}), lower 12 bits the type id ({@code 0..4095}). The raw value
 * {@code (category << 12) | typeId} is what is hashed, signed, indexed and shipped, so it is
 * the whole identity of a kind.
 *
 * <p>Two categories are reserved: {@code 0x0} for the system's own events (lifecycle markers,
 * denials, tombstones) and {@code 0xD} for effects (error, retry, ack, ...). Applications build
 * their kinds with {@link #custom(int, int)}, which refuses the reserved categories so that an
 * application event can never be mistaken for a substrate event; {@link #fromRaw(int)} accepts
 * any 16-bit value because decoding must read every stored kind. Product categories are
 * {@code 0x1}–{@code 0xC}, {@code 0xE} and {@code 0xF}. {@code 0xFA01} and {@code 0xFA02} are
 * reserved by convention (NETBAT parity) inside product space.
 *
 * <p>Text form {@code category:typeId} in decimal, for example {@code 1:0} for {@link #DATA}.
 *
 * @param raw the 16-bit value
 */
public record EventKind(int raw) {

    /** The largest category (4 bits). */
    public static final int MAX_CATEGORY = 0xF;
    /** The largest type id (12 bits). */
    public static final int MAX_TYPE_ID = 0xFFF;
    /** The reserved system category. */
    public static final int SYSTEM_CATEGORY = 0x0;
    /** The reserved effect category. */
    public static final int EFFECT_CATEGORY = 0xD;

    /** The generic product kind for untyped data ({@code 0x1000}). */
    public static final EventKind DATA = new EventKind(0x1000);
    /** Store opened (marker). */
    public static final EventKind SYSTEM_INIT = new EventKind(0x0001);
    /** Store shut down (marker). */
    public static final EventKind SYSTEM_SHUTDOWN = new EventKind(0x0002);
    /** Liveness heartbeat. */
    public static final EventKind SYSTEM_HEARTBEAT = new EventKind(0x0003);
    /** Configuration changed. */
    public static final EventKind SYSTEM_CONFIG_CHANGE = new EventKind(0x0004);
    /** Checkpoint marker. */
    public static final EventKind SYSTEM_CHECKPOINT = new EventKind(0x0005);
    /** Batch begin marker; markers are never indexed. */
    public static final EventKind SYSTEM_BATCH_BEGIN = new EventKind(0x0006);
    /** Batch commit marker; markers are never indexed. */
    public static final EventKind SYSTEM_BATCH_COMMIT = new EventKind(0x0007);
    /** Open completed. */
    public static final EventKind SYSTEM_OPEN_COMPLETED = new EventKind(0x0008);
    /** Close completed. */
    public static final EventKind SYSTEM_CLOSE_COMPLETED = new EventKind(0x0009);
    /** A persisted gate denial trace. */
    public static final EventKind SYSTEM_DENIAL = new EventKind(0x000F);
    /** Tombstone: marks an entity as deleted. */
    public static final EventKind TOMBSTONE = new EventKind(0x0FFE);
    /** Effect: an error. */
    public static final EventKind EFFECT_ERROR = new EventKind(0xD001);
    /** Effect: a retry. */
    public static final EventKind EFFECT_RETRY = new EventKind(0xD002);
    /** Effect: an acknowledgement. */
    public static final EventKind EFFECT_ACK = new EventKind(0xD004);
    /** Effect: backpressure. */
    public static final EventKind EFFECT_BACKPRESSURE = new EventKind(0xD005);
    /** Effect: a cancellation. */
    public static final EventKind EFFECT_CANCEL = new EventKind(0xD006);
    /** Effect: a conflict. */
    public static final EventKind EFFECT_CONFLICT = new EventKind(0xD007);

    /** Rejects values that do not fit 16 bits, so a kind always encodes losslessly. */
    public EventKind {
        if (raw < 0 || raw > 0xFFFF) {
            throw new EventKindException(EventKindException.Reason.RAW_OUT_OF_RANGE,
                    "event kind raw value " + raw + " (0x" + Integer.toHexString(raw)
                            + ") does not fit 16 bits; it must be in 0..65535");
        }
    }

    /**
     * Any 16-bit kind, reserved ones included; for decoding stored events.
     *
     * @throws EventKindException ({@link EventKindException.Reason#RAW_OUT_OF_RANGE}) if
     *     {@code raw} is outside {@code 0..0xFFFF}
     */
    public static EventKind fromRaw(int raw) {
        return new EventKind(raw);
    }

    /**
     * An application (product) kind.
     *
     * @throws EventKindException if the category is out of range or reserved, or the type id is
     *     out of range; {@link #tryCustom(int, int)} reports the same cases without throwing
     */
    public static EventKind custom(int category, int typeId) {
        return tryCustom(category, typeId).orElseThrow();
    }

    /**
     * Like {@link #custom(int, int)} but returns the outcome instead of throwing, for callers
     * that validate user input. Checks, in order: category range, system category, effect
     * category, type id range.
     */
    public static Custom tryCustom(int category, int typeId) {
        if (category < 0 || category > MAX_CATEGORY) {
            return new Custom.Rejected(EventKindException.Reason.CATEGORY_OUT_OF_RANGE,
                    "event kind category " + category + " is out of range; it must be in 0..15");
        }
        if (category == SYSTEM_CATEGORY) {
            return new Custom.Rejected(EventKindException.Reason.RESERVED_SYSTEM_CATEGORY,
                    "event kind category 0x0 is reserved for system events; use a product"
                            + " category (0x1-0xC, 0xE, 0xF)");
        }
        if (category == EFFECT_CATEGORY) {
            return new Custom.Rejected(EventKindException.Reason.RESERVED_EFFECT_CATEGORY,
                    "event kind category 0xD is reserved for effects; use a product"
                            + " category (0x1-0xC, 0xE, 0xF)");
        }
        if (typeId < 0 || typeId > MAX_TYPE_ID) {
            return new Custom.Rejected(EventKindException.Reason.TYPE_ID_OUT_OF_RANGE,
                    "event kind type id " + typeId + " is out of range; it must be in 0..4095");
        }
        return new Custom.Accepted(new EventKind((category << 12) | typeId));
    }

    /**
     * Parses {@code CATEGORY:TYPE}, each part decimal ({@code 13}) or hex with a {@code 0x}
     * prefix ({@code 0xD}). Accepts every 16-bit kind, reserved ones included, so that
     * {@code parse(k.toString())} equals {@code k} for every kind. No signs or spaces.
     *
     * @throws EventKindException if the text is malformed or a part is out of range
     */
    public static EventKind parse(String text) {
        if (text == null) {
            throw malformed("null", "text is null");
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':')) {
            throw malformed(text, "expected exactly one ':' between category and type");
        }
        long category = parsePart(text, text.substring(0, colon), "category");
        long typeId = parsePart(text, text.substring(colon + 1), "type");
        if (category > MAX_CATEGORY) {
            throw new EventKindException(EventKindException.Reason.CATEGORY_OUT_OF_RANGE,
                    "event kind '" + text + "': category " + category + " is out of range 0..15");
        }
        if (typeId > MAX_TYPE_ID) {
            throw new EventKindException(EventKindException.Reason.TYPE_ID_OUT_OF_RANGE,
                    "event kind '" + text + "': type id " + typeId + " is out of range 0..4095");
        }
        return new EventKind((int) ((category << 12) | typeId));
    }

    /** Parses one non-negative part; saturates above 2^32 so huge inputs report out-of-range. */
    private static long parsePart(String text, String part, String what) {
        boolean hex = part.startsWith("0x") || part.startsWith("0X");
        String digits = hex ? part.substring(2) : part;
        if (digits.isEmpty()) {
            throw malformed(text, "the " + what + " part has no digits");
        }
        int radix = hex ? 16 : 10;
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            int d = digitValue(c, radix);
            if (d < 0) {
                throw malformed(text, "'" + c + "' is not a " + (hex ? "hex" : "decimal")
                        + " digit in the " + what + " part");
            }
            value = Math.min(value * radix + d, 1L << 32);
        }
        return value;
    }

    /** ASCII digits only: {@link Character#digit} would also accept non-ASCII digits. */
    private static int digitValue(char c, int radix) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (radix == 16 && c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (radix == 16 && c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static EventKindException malformed(String text, String why) {
        return new EventKindException(EventKindException.Reason.MALFORMED, "cannot parse event kind '"
                + text + "': " + why + "; expected CATEGORY:TYPE such as '1:7' or '0x1:0x7'");
    }

    /** The upper 4 bits, {@code 0..15}. */
    public int category() {
        return raw >>> 12;
    }

    /** The lower 12 bits, {@code 0..4095}. */
    public int typeId() {
        return raw & MAX_TYPE_ID;
    }

    /** True for the reserved system category {@code 0x0}. */
    public boolean isSystem() {
        return category() == SYSTEM_CATEGORY;
    }

    /** True for the reserved effect category {@code 0xD}. */
    public boolean isEffect() {
        return category() == EFFECT_CATEGORY;
    }

    /** True if public appends must refuse this kind: system or effect category. */
    public boolean isReserved() {
        return isSystem() || isEffect();
    }

    /** {@code category:typeId} in decimal, accepted back by {@link #parse(String)}. */
    @Override
    public String toString() {
        return category() + ":" + typeId();
    }

    /** The outcome of {@link #tryCustom(int, int)}: exactly one of accepted or rejected. */
    public sealed interface Custom permits Custom.Accepted, Custom.Rejected {

        /** The kind if accepted, otherwise empty. */
        Optional<EventKind> toOptional();

        /**
         * The kind if accepted.
         *
         * @throws EventKindException carrying the rejection reason otherwise
         */
        EventKind orElseThrow();

        /**
         * The arguments make a valid product kind.
         *
         * @param kind the kind built
         */
        record Accepted(EventKind kind) implements Custom {
            /** Requires a kind. */
            public Accepted {
                Objects.requireNonNull(kind, "kind");
            }

            @Override
            public Optional<EventKind> toOptional() {
                return Optional.of(kind);
            }

            @Override
            public EventKind orElseThrow() {
                return kind;
            }
        }

        /**
         * The arguments do not make a valid product kind.
         *
         * @param reason the first rule that failed
         * @param message what was wrong and what to do
         */
        record Rejected(EventKindException.Reason reason, String message) implements Custom {
            /** Requires a reason and a message. */
            public Rejected {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(message, "message");
            }

            @Override
            public Optional<EventKind> toOptional() {
                return Optional.empty();
            }

            @Override
            public EventKind orElseThrow() {
                throw new EventKindException(reason, message);
            }
        }
    }
}
