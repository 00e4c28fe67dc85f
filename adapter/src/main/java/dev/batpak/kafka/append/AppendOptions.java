package dev.batpak.kafka.append;

import dev.batpak.kafka.event.ExtensionKey;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Options of one append. Immutable: every {@code withX} returns a new value. Start from
 * {@link #none()}.
 *
 * <ul>
 *   <li>{@link #idempotencyKey(IdempotencyKey)}: the key becomes the event id; a retry with the
 *       same key returns the original outcome instead of a second event, and a retry with a
 *       different payload is denied {@code IDEMPOTENCY_CONFLICT}.</li>
 *   <li>{@link #expect(ExpectedSequence)}: optimistic concurrency on the stream's head.</li>
 *   <li>{@link #correlation(CorrelationId)} (default: the event's own id) and
 *       {@link #causedBy(EventId)} (zero or more parents, primary first).</li>
 *   <li>{@link #lane(int)}: pin a lane instead of the entity's hash lane.</li>
 *   <li>{@link #extension(String, byte[])}: {@code namespace.field} entries, stored with the event
 *       and covered by its receipt; the {@code batpak} namespace is reserved.</li>
 *   <li>{@link #waitFor(Stage, Duration)}: a durability gate.</li>
 * </ul>
 */
public final class AppendOptions {

    private static final AppendOptions NONE = new AppendOptions(null, ExpectedSequence.any(), null, List.of(),
            OptionalInt.empty(), Collections.emptySortedMap(), 0, 0, null);

    private final IdempotencyKey idempotencyKey;
    private final ExpectedSequence expected;
    private final CorrelationId correlation;
    private final List<CausationId> causes;
    private final OptionalInt lane;
    private final SortedMap<String, byte[]> extensions;
    private final int flags;
    private final int payloadVersion;
    private final DurabilityGate durabilityGate;

    private AppendOptions(IdempotencyKey idempotencyKey, ExpectedSequence expected, CorrelationId correlation,
            List<CausationId> causes, OptionalInt lane, SortedMap<String, byte[]> extensions, int flags,
            int payloadVersion, DurabilityGate durabilityGate) {
        this.idempotencyKey = idempotencyKey;
        this.expected = expected;
        this.correlation = correlation;
        this.causes = causes;
        this.lane = lane;
        this.extensions = extensions;
        this.flags = flags;
        this.payloadVersion = payloadVersion;
        this.durabilityGate = durabilityGate;
    }

    /** No options: no key, no concurrency check, self-correlated, no causes, the entity's lane. */
    public static AppendOptions none() {
        return NONE;
    }

    /** Makes the append idempotent under {@code key} (which becomes the event id). */
    public AppendOptions idempotencyKey(IdempotencyKey key) {
        return new AppendOptions(Objects.requireNonNull(key, "key"), expected, correlation, causes, lane, extensions,
                flags, payloadVersion, durabilityGate);
    }

    /** Sets the optimistic concurrency check. */
    public AppendOptions expect(ExpectedSequence expectation) {
        return new AppendOptions(idempotencyKey, Objects.requireNonNull(expectation, "expectation"), correlation,
                causes, lane, extensions, flags, payloadVersion, durabilityGate);
    }

    /** Joins the event to a correlation group (a request or saga). */
    public AppendOptions correlation(CorrelationId correlationId) {
        return new AppendOptions(idempotencyKey, expected, Objects.requireNonNull(correlationId, "correlationId"),
                causes, lane, extensions, flags, payloadVersion, durabilityGate);
    }

    /** Adds a causation parent; the first one added is the primary cause. */
    public AppendOptions causedBy(EventId parent) {
        return causedBy(CausationId.of(Objects.requireNonNull(parent, "parent")));
    }

    /** Adds a causation parent; the first one added is the primary cause. */
    public AppendOptions causedBy(CausationId parent) {
        Objects.requireNonNull(parent, "parent");
        List<CausationId> more = new ArrayList<>(causes);
        if (!more.contains(parent)) {
            more.add(parent);
        }
        return new AppendOptions(idempotencyKey, expected, correlation, List.copyOf(more), lane, extensions, flags,
                payloadVersion, durabilityGate);
    }

    /** Pins the lane (partition) instead of the entity's hash lane. The lane must exist. */
    public AppendOptions lane(int pinnedLane) {
        if (pinnedLane < 0) {
            throw new IllegalArgumentException("lane " + pinnedLane + " is negative");
        }
        return new AppendOptions(idempotencyKey, expected, correlation, causes, OptionalInt.of(pinnedLane), extensions,
                flags, payloadVersion, durabilityGate);
    }

    /**
     * Adds an extension. The key is validated as {@code namespace.field} (the {@code batpak}
     * namespace is reserved) and throws {@code ExtensionKeyException} when invalid.
     */
    public AppendOptions extension(String key, byte[] value) {
        ExtensionKey.parse(key);
        Objects.requireNonNull(value, "value");
        SortedMap<String, byte[]> more = new TreeMap<>(extensions);
        more.put(key, value.clone());
        return new AppendOptions(idempotencyKey, expected, correlation, causes, lane,
                Collections.unmodifiableSortedMap(more), flags, payloadVersion, durabilityGate);
    }

    /** Sets the flag bits (stored, not interpreted by the store). */
    public AppendOptions flags(int flagBits) {
        if (flagBits < 0 || flagBits > 0xFF) {
            throw new IllegalArgumentException("flags are 8 bits, got " + flagBits);
        }
        return new AppendOptions(idempotencyKey, expected, correlation, causes, lane, extensions, flagBits,
                payloadVersion, durabilityGate);
    }

    /** Sets the payload version (0 = untyped; typed appends set it from their event type). */
    public AppendOptions payloadVersion(int version) {
        if (version < 0 || version > 0xFFFF) {
            throw new IllegalArgumentException("payload version is 16 bits, got " + version);
        }
        return new AppendOptions(idempotencyKey, expected, correlation, causes, lane, extensions, flags, version,
                durabilityGate);
    }

    /** After the append is written, wait for {@code stage} (a durability gate, not a rollback). */
    public AppendOptions waitFor(Stage stage, Duration timeout) {
        return new AppendOptions(idempotencyKey, expected, correlation, causes, lane, extensions, flags,
                payloadVersion, new DurabilityGate(stage, timeout));
    }

    /** The idempotency key, if any. */
    public Optional<IdempotencyKey> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /** The concurrency check. */
    public ExpectedSequence expected() {
        return expected;
    }

    /** The correlation id, if set. */
    public Optional<CorrelationId> correlation() {
        return Optional.ofNullable(correlation);
    }

    /** The causation parents, primary first. */
    public List<CausationId> causes() {
        return causes;
    }

    /** The pinned lane, if any. */
    public OptionalInt lane() {
        return lane;
    }

    /** The extensions, sorted by key (values are copies). */
    public SortedMap<String, byte[]> extensions() {
        SortedMap<String, byte[]> copy = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : extensions.entrySet()) {
            copy.put(e.getKey(), e.getValue().clone());
        }
        return copy;
    }

    /** The flag bits. */
    public int flags() {
        return flags;
    }

    /** The payload version. */
    public int payloadVersion() {
        return payloadVersion;
    }

    /** The durability gate, if any. */
    public Optional<DurabilityGate> durabilityGate() {
        return Optional.ofNullable(durabilityGate);
    }

    @Override
    public String toString() {
        return "AppendOptions[key=" + idempotencyKey + ", expect=" + expected + ", correlation=" + correlation
                + ", causes=" + causes + ", lane=" + lane + ", extensions=" + extensions.keySet() + ", flags=" + flags
                + ", payloadVersion=" + payloadVersion + ", gate=" + durabilityGate + "]";
    }
}
