package dev.batpak.kafka.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.payload.EventTypeRegistrationException.Reason;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.registry.SchemaRegistry;
import dev.batpak.kafka.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * The event types an application reads and writes, each with its chain of {@link Upcaster}s, and
 * the decoder that follows batpak's schema evolution rules (batpak-model §11.3). For a stored
 * payload version {@code v} and a type's current version {@code c}:
 * <ul>
 *   <li>{@code v == c} or {@code v == 0} (untyped): decoded as is, with the type's codec (which for a
 *       registry-governed Avro type reads with the writer schema its id names);</li>
 *   <li>{@code v < c}: decoded with the writer schema of version {@code v} into a dynamic value
 *       ({@link GenericRecord} or JSON tree), upcast {@code v -> v+1 -> ... -> c}, then read as the
 *       current type;</li>
 *   <li>{@code v > c}: {@link PayloadDecodeException} {@code FUTURE_VERSION}, also during replay: a
 *       reader never guesses at a format it does not know.</li>
 * </ul>
 *
 * <p>Registration is checked when {@link Builder#build()} runs: every version below the current one
 * needs exactly one step of the codec's flavour, and an Avro step needs a way to read its input
 * (its own schema, or a schema registry for payloads that carry a schema id); otherwise
 * {@link EventTypeRegistrationException} stops the application at start-up. Thread-safe.
 */
public final class EventTypeRegistry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<EventKind, Entry<?>> byKind;
    private final Map<Class<?>, Entry<?>> byClass;
    private final SchemaRegistry schemaRegistry;

    /** Whether a type upcasts over Avro records or JSON trees. */
    private enum Flavour {
        AVRO, JSON
    }

    /** One registered type and its steps, by the version they read. */
    private record Entry<T>(EventType<T> type, Flavour flavour, Map<Integer, Upcaster> steps) {
    }

    private EventTypeRegistry(Map<EventKind, Entry<?>> byKind, SchemaRegistry schemaRegistry) {
        this.byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
        Map<Class<?>, Entry<?>> classes = new LinkedHashMap<>();
        byKind.values().forEach(entry -> classes.put(entry.type().type(), entry));
        this.byClass = Collections.unmodifiableMap(classes);
        this.schemaRegistry = schemaRegistry;
    }

    /** A builder with no types. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects types and their upcasters; {@link #build()} checks every chain. */
    public static final class Builder {

        private final Map<EventKind, Entry<?>> entries = new LinkedHashMap<>();
        private SchemaRegistry schemaRegistry;

        private Builder() {
        }

        /**
         * The registry that resolves the schema ids carried by stored Avro payloads, for the
         * upcasting of older versions whose steps do not name their input schema.
         */
        public Builder schemaRegistry(SchemaRegistry registry) {
            this.schemaRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Registers {@code type} with the steps that bring each older version to the next.
         *
         * @throws EventTypeRegistrationException for a kind or class already registered, two steps
         *     from one version, a step from the current version or later, or a step of the wrong
         *     flavour (Avro steps for a generated Avro class, JSON steps for a {@link JsonCodec} type)
         */
        public <T> Builder register(EventType<T> type, Upcaster... upcasters) {
            Objects.requireNonNull(type, "type");
            String name = type.type().getSimpleName() + " (kind " + type.kind() + ", version " + type.payloadVersion() + ")";
            if (entries.containsKey(type.kind())) {
                throw new EventTypeRegistrationException(Reason.DUPLICATE_TYPE, "kind " + type.kind() + " is already"
                        + " registered for " + entries.get(type.kind()).type().type().getSimpleName() + "; cannot"
                        + " register " + name + " too: one kind, one type");
            }
            for (Entry<?> other : entries.values()) {
                if (other.type().type().equals(type.type())) {
                    throw new EventTypeRegistrationException(Reason.DUPLICATE_TYPE, type.type().getName() + " is already"
                            + " registered with kind " + other.type().kind() + "; cannot register it again as " + name);
                }
            }
            Flavour flavour = type.codec() instanceof JsonCodec ? Flavour.JSON
                    : SpecificRecord.class.isAssignableFrom(type.type()) ? Flavour.AVRO : null;
            Map<Integer, Upcaster> steps = new TreeMap<>();
            for (Upcaster step : upcasters) {
                Objects.requireNonNull(step, "upcaster");
                if (step.fromVersion() >= type.payloadVersion()) {
                    throw new EventTypeRegistrationException(Reason.STEP_OUT_OF_RANGE, name + " has an upcaster from"
                            + " version " + step.fromVersion() + ", but its current version is " + type.payloadVersion()
                            + ": steps read versions 1.." + (type.payloadVersion() - 1));
                }
                if (steps.containsKey(step.fromVersion())) {
                    throw new EventTypeRegistrationException(Reason.DUPLICATE_STEP, name + " has two upcasters from"
                            + " version " + step.fromVersion() + "; keep exactly one per version");
                }
                Flavour stepFlavour = step instanceof Upcaster.Avro ? Flavour.AVRO : Flavour.JSON;
                if (stepFlavour != flavour) {
                    throw new EventTypeRegistrationException(Reason.WRONG_FLAVOUR, name + " is encoded with "
                            + type.codec().getClass().getSimpleName() + ", so its upcasters must be "
                            + (flavour == null ? "absent (only Avro and JSON types can be upcast)" : flavour == Flavour.AVRO
                                    ? "Upcaster.avro(...)" : "Upcaster.json(...)")
                            + ", but the step from version " + step.fromVersion() + " is " + stepFlavour);
                }
                steps.put(step.fromVersion(), step);
            }
            List<Integer> missing = new ArrayList<>();
            for (int v = 1; v < type.payloadVersion(); v++) {
                if (!steps.containsKey(v)) {
                    missing.add(v);
                }
            }
            if (!missing.isEmpty()) {
                throw new EventTypeRegistrationException(Reason.MISSING_STEP, "the upcaster chain of " + name
                        + " is incomplete: no step from version(s) " + missing + "; every version 1.."
                        + (type.payloadVersion() - 1) + " needs one, or events of that version could never be read");
            }
            entries.put(type.kind(), new Entry<>(type, flavour == null ? Flavour.AVRO : flavour, steps));
            return this;
        }

        /**
         * The registry of types.
         *
         * @throws EventTypeRegistrationException ({@code MISSING_SCHEMA}) when an Avro step has no
         *     schema for its input and no schema registry was given
         */
        public EventTypeRegistry build() {
            if (schemaRegistry == null) {
                for (Entry<?> entry : entries.values()) {
                    for (Upcaster step : entry.steps().values()) {
                        if (step instanceof Upcaster.Avro avro && avro.fromSchema().isEmpty()) {
                            throw new EventTypeRegistrationException(Reason.MISSING_SCHEMA, "the upcaster of "
                                    + entry.type().type().getSimpleName() + " from version " + step.fromVersion()
                                    + " has no schema for version " + step.fromVersion() + " and no schema registry was"
                                    + " given: use Upcaster.avro(version, schema, step) or"
                                    + " EventTypeRegistry.builder().schemaRegistry(...)");
                        }
                    }
                }
            }
            return new EventTypeRegistry(entries, schemaRegistry);
        }
    }

    /** Every registered type, in registration order. */
    public List<EventType<?>> types() {
        List<EventType<?>> types = new ArrayList<>();
        byKind.values().forEach(entry -> types.add(entry.type()));
        return List.copyOf(types);
    }

    /** The type registered for {@code type}, if any. */
    @SuppressWarnings("unchecked")
    public <T> Optional<EventType<T>> type(Class<T> type) {
        Entry<?> entry = byClass.get(type);
        return entry == null ? Optional.empty() : Optional.of((EventType<T>) entry.type());
    }

    /** The type registered for {@code kind}, if any. */
    public Optional<EventType<?>> typeOf(EventKind kind) {
        Entry<?> entry = byKind.get(kind);
        return entry == null ? Optional.empty() : Optional.of(entry.type());
    }

    /**
     * Decodes a stored event as the type registered for its kind.
     *
     * @throws PayloadDecodeException {@code KIND_MISMATCH} when no type is registered for the kind,
     *     {@code FUTURE_VERSION}, or {@code DECODE_FAILURE}
     */
    public Object decode(StoredEvent event) {
        Entry<?> entry = byKind.get(event.kind());
        if (entry == null) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.KIND_MISMATCH, "event " + event.eventId()
                    + " has kind " + event.kind() + ", for which no type is registered", null);
        }
        return decode(entry, event.kind(), event.payloadVersion(), event.payload());
    }

    /**
     * Decodes a stored event as {@code type}.
     *
     * @throws PayloadDecodeException {@code KIND_MISMATCH} for another kind or an unregistered
     *     class, {@code FUTURE_VERSION}, or {@code DECODE_FAILURE}
     */
    public <T> T decode(StoredEvent event, Class<T> type) {
        Entry<?> entry = byClass.get(type);
        if (entry == null) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.KIND_MISMATCH, type.getName()
                    + " is not a registered event type", null);
        }
        return type.cast(decode(entry, event.kind(), event.payloadVersion(), event.payload()));
    }

    /**
     * Decodes a payload of {@code kind} written with payload version {@code storedVersion} as
     * {@code type}, upcasting older versions.
     *
     * @throws PayloadDecodeException {@code KIND_MISMATCH}, {@code FUTURE_VERSION}, or {@code DECODE_FAILURE}
     */
    public <T> T decode(EventType<T> type, EventKind kind, int storedVersion, Payload payload) {
        Entry<?> entry = byKind.get(type.kind());
        if (entry == null || !entry.type().type().equals(type.type())
                || entry.type().payloadVersion() != type.payloadVersion()) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.KIND_MISMATCH, type.type().getName()
                    + " (kind " + type.kind() + ", version " + type.payloadVersion() + ") is not registered in this"
                    + " EventTypeRegistry", null);
        }
        return type.type().cast(decode(entry, kind, storedVersion, payload));
    }

    private <T> T decode(Entry<T> entry, EventKind kind, int storedVersion, Payload payload) {
        EventType<T> type = entry.type();
        String name = type.type().getSimpleName();
        if (!kind.equals(type.kind())) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.KIND_MISMATCH, "the payload has kind " + kind
                    + ", not " + name + "'s " + type.kind(), null);
        }
        if (storedVersion > type.payloadVersion()) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.FUTURE_VERSION, "the payload was written with"
                    + " version " + storedVersion + " of " + name + ", newer than this reader's " + type.payloadVersion()
                    + ": upgrade the reader before replaying these events", null);
        }
        if (storedVersion == type.payloadVersion() || storedVersion <= 0) {
            return type.codec().decode(payload);
        }
        return entry.flavour() == Flavour.JSON ? upcastJson(entry, storedVersion, payload)
                : upcastAvro(entry, storedVersion, payload);
    }

    private <T> T upcastJson(Entry<T> entry, int storedVersion, Payload payload) {
        EventType<T> type = entry.type();
        JsonNode value;
        try {
            value = JSON.readTree(payload.bytes());
        } catch (IOException e) {
            throw failure(type, storedVersion, "is not JSON: " + e.getMessage(), e);
        }
        if (value == null || value.isMissingNode()) {
            throw failure(type, storedVersion, "is empty", null);
        }
        for (int v = storedVersion; v < type.payloadVersion(); v++) {
            Upcaster.Json step = (Upcaster.Json) entry.steps().get(v);
            JsonNode input = value;
            value = apply(type, v, () -> step.step().apply(input));
        }
        byte[] current;
        try {
            current = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw failure(type, storedVersion, "was upcast to a tree that cannot be written as JSON: " + e.getMessage(), e);
        }
        return type.codec().decode(new Payload(Payload.Encoding.JSON, current, OptionalInt.empty()));
    }

    private <T> T upcastAvro(Entry<T> entry, int storedVersion, Payload payload) {
        EventType<T> type = entry.type();
        if (payload.encoding() != Payload.Encoding.AVRO) {
            throw failure(type, storedVersion, "is " + payload.encoding() + ", not AVRO", null);
        }
        Upcaster.Avro first = (Upcaster.Avro) entry.steps().get(storedVersion);
        Schema writer = writerSchema(type, storedVersion, payload, first);
        Schema reader = first.fromSchema().orElse(writer);
        GenericRecord value;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload.bytes(), null);
            value = new GenericDatumReader<GenericRecord>(writer, reader).read(null, decoder);
            if (!decoder.isEnd()) {
                throw failure(type, storedVersion, "has bytes after the record ended; it was not written with "
                        + writer.getFullName() + " as version " + storedVersion, null);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PayloadDecodeException decode) {
                throw decode;
            }
            throw failure(type, storedVersion, "does not decode with its writer schema " + writer.getFullName() + ": " + e,
                    e);
        }
        for (int v = storedVersion; v < type.payloadVersion(); v++) {
            Upcaster.Avro step = (Upcaster.Avro) entry.steps().get(v);
            GenericRecord input = value;
            value = apply(type, v, () -> step.step().apply(input));
        }
        Schema last = value.getSchema();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(last).write(value, encoder);
            encoder.flush();
            SpecificData model = SpecificData.getForClass(type.type());
            Schema current = model.getSchema(type.type());
            @SuppressWarnings("unchecked")
            SpecificDatumReader<T> specific = (SpecificDatumReader<T>) model.createDatumReader(last, current);
            return specific.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw failure(type, storedVersion, "was upcast to a " + last.getFullName() + " record that cannot be read"
                    + " as the current " + type.type().getSimpleName() + " (version " + type.payloadVersion()
                    + "): " + e + "; the last upcaster must produce the current version's fields", e);
        }
    }

    private Schema writerSchema(EventType<?> type, int storedVersion, Payload payload, Upcaster.Avro first) {
        if (payload.schemaId().isPresent()) {
            int id = payload.schemaId().getAsInt();
            if (schemaRegistry == null) {
                if (first.fromSchema().isPresent()) {
                    return first.fromSchema().get();
                }
                throw failure(type, storedVersion, "carries schema id " + id + " but no schema registry was given to"
                        + " the EventTypeRegistry", null);
            }
            try {
                return schemaRegistry.schemaById(id);
            } catch (SchemaRegistryException e) {
                if (e.reason() == SchemaRegistryException.Reason.NOT_FOUND) {
                    throw failure(type, storedVersion, "names schema id " + id + ", which the registry at "
                            + schemaRegistry.describe() + " does not know", e);
                }
                throw e;
            }
        }
        return first.fromSchema().orElseThrow(() -> failure(type, storedVersion, "carries no schema id and the"
                + " upcaster from version " + storedVersion + " names no schema: give it one with"
                + " Upcaster.avro(version, schema, step)", null));
    }

    private static <V> V apply(EventType<?> type, int fromVersion, java.util.function.Supplier<V> step) {
        V out;
        try {
            out = step.get();
        } catch (RuntimeException e) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "the upcaster of "
                    + type.type().getSimpleName() + " from version " + fromVersion + " to " + (fromVersion + 1)
                    + " failed: " + e, e);
        }
        if (out == null) {
            throw new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "the upcaster of "
                    + type.type().getSimpleName() + " from version " + fromVersion + " to " + (fromVersion + 1)
                    + " returned null", null);
        }
        return out;
    }

    private static PayloadDecodeException failure(EventType<?> type, int storedVersion, String problem, Throwable cause) {
        return new PayloadDecodeException(PayloadDecodeException.Reason.DECODE_FAILURE, "the version " + storedVersion
                + " payload of " + type.type().getSimpleName() + " " + problem, cause);
    }
}
