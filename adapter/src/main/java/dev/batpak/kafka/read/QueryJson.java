package dev.batpak.kafka.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.BatpakException;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.coordinate.ClockRange;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.KindFilter;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The wire form of region queries, shared by the streams app's endpoint (writing) and
 * {@link QueryClient} (reading), so both sides agree by construction.
 *
 * <p>A region travels as query parameters: {@code entity} (namespace prefix), {@code scope},
 * {@code kind} ({@code category:type}) or {@code category} ({@code 0..15}), {@code clock}
 * ({@code start-end}) and {@code lane}. Events are JSON objects with ids in their text forms,
 * the HLC packed, hashes in hex and payload and extension bytes in base64.
 */
public final class QueryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private QueryJson() {
    }

    /** The query parameters naming {@code region}, in a fixed order. */
    public static Map<String, String> regionParams(Region region) {
        Map<String, String> params = new LinkedHashMap<>();
        region.entityPrefix().ifPresent(p -> params.put("entity", p));
        region.scope().ifPresent(s -> params.put("scope", s));
        KindFilter fact = region.fact();
        if (fact instanceof KindFilter.Exact exact) {
            params.put("kind", exact.kind().toString());
        } else if (fact instanceof KindFilter.Category category) {
            params.put("category", Integer.toString(category.category()));
        }
        region.clockRange().ifPresent(r -> params.put("clock", r.toString()));
        region.lane().ifPresent(l -> params.put("lane", Integer.toString(l)));
        return params;
    }

    /**
     * The region named by query parameters (unknown parameters are ignored).
     *
     * @throws QueryException {@code INVALID_QUERY} naming the parameter that is wrong
     */
    public static Region readRegion(Map<String, String> params) {
        Region region = Region.all();
        try {
            String entity = params.get("entity");
            if (entity != null) {
                region = region.withEntityPrefix(entity);
            }
            String scope = params.get("scope");
            if (scope != null) {
                region = region.withScope(scope);
            }
            String kind = params.get("kind");
            String category = params.get("category");
            if (kind != null && category != null) {
                throw new QueryException(QueryException.INVALID_QUERY, "pass 'kind' or 'category', not both");
            }
            if (kind != null) {
                region = region.withKind(EventKind.parse(kind));
            }
            if (category != null) {
                region = region.withCategory(integer("category", category));
            }
            String clock = params.get("clock");
            if (clock != null) {
                int dash = clock.indexOf('-');
                if (dash < 0) {
                    throw new QueryException(QueryException.INVALID_QUERY, "parameter 'clock' must be start-end,"
                            + " got '" + clock + "'");
                }
                ClockRange range = ClockRange.of(longValue("clock", clock.substring(0, dash)),
                        longValue("clock", clock.substring(dash + 1)));
                region = region.withClockRange(range.start(), range.end());
            }
            String lane = params.get("lane");
            if (lane != null) {
                region = region.withLane(integer("lane", lane));
            }
        } catch (QueryException e) {
            throw e;
        } catch (BatpakException e) {
            throw new QueryException(QueryException.INVALID_QUERY, "the region is invalid: " + e.getMessage(), e);
        }
        return region;
    }

    /** An event as JSON. */
    public static ObjectNode event(StoredEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", e.eventId().toString());
        node.put("entity", e.coordinate().entity());
        node.put("scope", e.coordinate().scope());
        node.put("kind", e.kind().raw());
        node.put("lane", e.lane());
        node.put("clock", e.clock());
        ObjectNode payload = node.putObject("payload");
        payload.put("encoding", e.payload().encoding().name());
        payload.put("bytes", Base64.getEncoder().encodeToString(e.payload().bytes()));
        e.payload().schemaId().ifPresent(id -> payload.put("schemaId", id));
        node.put("payloadVersion", e.payloadVersion());
        node.put("correlationId", e.correlationId().toString());
        ArrayNode causes = node.putArray("causes");
        e.causes().forEach(c -> causes.add(c.toString()));
        node.put("flags", e.flags());
        ObjectNode extensions = node.putObject("extensions");
        e.extensions().forEach((k, v) -> extensions.put(k, Base64.getEncoder().encodeToString(v)));
        node.put("hlc", e.hlc().packed());
        node.put("prevHash", HEX.formatHex(e.prevHash()));
        node.put("eventHash", HEX.formatHex(e.eventHash()));
        node.put("proposalOffset", e.proposalOffset());
        node.put("journalOffset", e.journalOffset());
        return node;
    }

    /**
     * Reads an event.
     *
     * @throws QueryException {@code QUERY_FAILED} if the JSON is not an event
     */
    public static StoredEvent readEvent(JsonNode node) {
        try {
            JsonNode payloadNode = required(node, "payload");
            JsonNode schemaId = payloadNode.get("schemaId");
            Payload payload = new Payload(Payload.Encoding.valueOf(text(payloadNode, "encoding")),
                    Base64.getDecoder().decode(text(payloadNode, "bytes")),
                    schemaId == null || schemaId.isNull() ? OptionalInt.empty() : OptionalInt.of(schemaId.asInt()));
            List<CausationId> causes = new ArrayList<>();
            for (JsonNode cause : required(node, "causes")) {
                causes.add(CausationId.parse(cause.asText()));
            }
            SortedMap<String, byte[]> extensions = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = required(node, "extensions").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                extensions.put(field.getKey(), Base64.getDecoder().decode(field.getValue().asText()));
            }
            return new StoredEvent(EventId.parse(text(node, "eventId")),
                    Coordinate.of(text(node, "entity"), text(node, "scope")),
                    EventKind.fromRaw(required(node, "kind").asInt()), required(node, "lane").asInt(),
                    required(node, "clock").asLong(), payload, required(node, "payloadVersion").asInt(),
                    CorrelationId.parse(text(node, "correlationId")), causes, required(node, "flags").asInt(),
                    extensions, HlcTimestamp.fromPacked(required(node, "hlc").asLong()),
                    HEX.parseHex(text(node, "prevHash")), HEX.parseHex(text(node, "eventHash")),
                    required(node, "proposalOffset").asLong(), required(node, "journalOffset").asLong());
        } catch (QueryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new QueryException(QueryException.FAILED, "the endpoint sent an event this client cannot read: "
                    + e.getMessage(), e);
        }
    }

    /** A single event as JSON text. */
    public static String eventText(StoredEvent event) {
        return write(event(event));
    }

    /** Reads a single event from JSON text. */
    public static StoredEvent readEventText(String json) {
        return readEvent(parse(json));
    }

    /** A page as JSON text: {@code {"events": [...], "position": "q1:...", "complete": bool}}. */
    public static String page(QueryPage page) {
        ObjectNode node = MAPPER.createObjectNode();
        ArrayNode events = node.putArray("events");
        page.events().forEach(e -> events.add(event(e)));
        node.put("position", page.next().encode());
        node.put("complete", page.complete());
        return write(node);
    }

    /** Reads a page. */
    public static QueryPage readPage(String json) {
        JsonNode node = parse(json);
        List<StoredEvent> events = new ArrayList<>();
        for (JsonNode event : required(node, "events")) {
            events.add(readEvent(event));
        }
        return new QueryPage(events, QueryPosition.parse(text(node, "position")), required(node, "complete")
                .asBoolean());
    }

    /** An index status as JSON text: {@code {"lanes": {"0": {"next": n, "skipped": k}, ...}}}. */
    public static String status(IndexStatus status) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode lanes = node.putObject("lanes");
        status.next().forEach((lane, next) -> {
            ObjectNode entry = lanes.putObject(Integer.toString(lane));
            entry.put("next", next);
            entry.put("skipped", status.skipped().getOrDefault(lane, 0L));
        });
        return write(node);
    }

    /** Reads an index status. */
    public static IndexStatus readStatus(String json) {
        JsonNode node = parse(json);
        Map<Integer, Long> next = new TreeMap<>();
        Map<Integer, Long> skipped = new TreeMap<>();
        try {
            Iterator<Map.Entry<String, JsonNode>> lanes = required(node, "lanes").fields();
            while (lanes.hasNext()) {
                Map.Entry<String, JsonNode> lane = lanes.next();
                int number = Integer.parseInt(lane.getKey());
                next.put(number, required(lane.getValue(), "next").asLong());
                skipped.put(number, required(lane.getValue(), "skipped").asLong());
            }
        } catch (NumberFormatException e) {
            throw new QueryException(QueryException.FAILED, "the endpoint sent a status with a non-numeric lane", e);
        }
        return IndexStatus.of(next, skipped);
    }

    /** An error as JSON text: {@code {"error": code, "message": ...}}. */
    public static String error(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return write(node);
    }

    /** Reads an error body; empty when the text is not one. */
    public static Optional<QueryException> readError(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.hasNonNull("error") && node.hasNonNull("message")) {
                return Optional.of(new QueryException(node.get("error").asText(), node.get("message").asText()));
            }
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Parses JSON text.
     *
     * @throws QueryException {@code QUERY_FAILED} if it is not JSON
     */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new QueryException(QueryException.FAILED, "the endpoint did not answer JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * A field that must be present.
     *
     * @throws QueryException {@code QUERY_FAILED} if it is absent
     */
    public static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new QueryException(QueryException.FAILED, "the endpoint's answer lacks '" + field + "'");
        }
        return value;
    }

    /** The JSON text of a tree. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain JSON nodes always serialises", e);
        }
    }

    /** A fresh JSON object, for the endpoint's other answers. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static int integer(String name, String text) {
        long value = longValue(name, text);
        if (value > Integer.MAX_VALUE) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter '" + name + "' is too large: " + text);
        }
        return (int) value;
    }

    private static long longValue(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new QueryException(QueryException.INVALID_QUERY, "parameter '" + name + "' must be a number, got '"
                    + text + "'", e);
        }
    }
}
