package dev.batpak.kafka.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of graph query results, shared by the streams app's endpoint (writing) and
 * {@link GraphClient} (reading), so both sides agree by construction. Ids are in their text
 * forms ({@code event:<hex>}), HLCs packed as numbers plus a readable form, hashes hex.
 */
public final class GraphJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphJson() {
    }

    /** An event as JSON. */
    public static ObjectNode event(GraphEvent e) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("eventId", e.eventId().toString());
        node.put("lane", e.lane());
        node.put("clock", e.clock());
        node.put("hlc", e.hlc().packed());
        node.put("hlcText", e.hlc().toString());
        node.put("kind", e.kind().raw());
        node.put("entity", e.entity());
        node.put("scope", e.scope());
        node.put("correlationId", e.correlationId().toString());
        ArrayNode parents = node.putArray("parents");
        e.parents().forEach(p -> parents.add(p.toString()));
        node.put("eventHash", e.eventHash());
        node.put("prevHash", e.prevHash());
        return node;
    }

    /** An ancestry walk page as JSON text. */
    public static String walk(AncestorWalk walk) {
        ObjectNode node = MAPPER.createObjectNode();
        events(node, walk.events());
        ObjectNode boundary = node.putObject("boundary");
        boundary.put("type", walk.boundary().name());
        if (walk.boundary() instanceof WalkBoundary.MissingParent missing) {
            boundary.put("eventId", missing.child().toString());
        } else if (walk.boundary() instanceof WalkBoundary.Cycle cycle) {
            boundary.put("eventId", cycle.eventId().toString());
        }
        walk.continuation().ifPresent(c -> node.put("continuation", c));
        return write(node);
    }

    /** A causal walk page as JSON text. */
    public static String causal(CausalWalk walk) {
        ObjectNode node = MAPPER.createObjectNode();
        events(node, walk.events());
        node.put("boundary", walk.boundary().name());
        ArrayNode missing = node.putArray("missing");
        walk.missing().forEach(id -> missing.add(id.toString()));
        walk.continuation().ifPresent(c -> node.put("continuation", c));
        return write(node);
    }

    /** A correlation page as JSON text. */
    public static String correlation(CorrelationPage page) {
        ObjectNode node = MAPPER.createObjectNode();
        events(node, page.events());
        page.continuation().ifPresent(c -> node.put("continuation", c));
        return write(node);
    }

    /** A causal order answer as JSON text. */
    public static String order(EventId a, EventId b, CausalOrder order) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("a", a.toString());
        node.put("b", b.toString());
        node.put("order", order.name());
        return write(node);
    }

    /** An error as JSON text: {@code {"error": code, "message": ...}}. */
    public static String error(String code, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return write(node);
    }

    /**
     * Reads an event.
     *
     * @throws GraphException {@code GRAPH_QUERY_FAILED} if the JSON is not an event
     */
    public static GraphEvent readEvent(JsonNode node) {
        try {
            List<EventId> parents = new ArrayList<>();
            for (JsonNode parent : required(node, "parents")) {
                parents.add(EventId.parse(parent.asText()));
            }
            return new GraphEvent(EventId.parse(text(node, "eventId")), required(node, "lane").asInt(),
                    required(node, "clock").asLong(), HlcTimestamp.fromPacked(required(node, "hlc").asLong()),
                    EventKind.fromRaw(required(node, "kind").asInt()), text(node, "entity"), text(node, "scope"),
                    CorrelationId.parse(text(node, "correlationId")), parents, text(node, "eventHash"),
                    text(node, "prevHash"));
        } catch (RuntimeException e) {
            throw e instanceof GraphException g ? g
                    : new GraphException(GraphException.QUERY_FAILED, "the endpoint sent an event this client"
                            + " cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an ancestry walk page. */
    public static AncestorWalk readWalk(String json) {
        JsonNode node = parse(json);
        JsonNode boundary = required(node, "boundary");
        String type = text(boundary, "type");
        WalkBoundary parsed = switch (type) {
            case "ReachedGenesis" -> new WalkBoundary.ReachedGenesis();
            case "LimitReached" -> new WalkBoundary.LimitReached();
            case "NoAnchor" -> new WalkBoundary.NoAnchor();
            case "MissingParent" -> new WalkBoundary.MissingParent(EventId.parse(text(boundary, "eventId")));
            case "Cycle" -> new WalkBoundary.Cycle(EventId.parse(text(boundary, "eventId")));
            default -> throw new GraphException(GraphException.QUERY_FAILED, "unknown walk boundary '" + type + "'");
        };
        return new AncestorWalk(readEvents(node), parsed, continuation(node));
    }

    /** Reads a causal walk page. */
    public static CausalWalk readCausal(String json) {
        JsonNode node = parse(json);
        List<EventId> missing = new ArrayList<>();
        for (JsonNode id : required(node, "missing")) {
            missing.add(EventId.parse(id.asText()));
        }
        CausalBoundary boundary;
        try {
            boundary = CausalBoundary.valueOf(text(node, "boundary"));
        } catch (IllegalArgumentException e) {
            throw new GraphException(GraphException.QUERY_FAILED, "unknown causal boundary " + node.get("boundary"), e);
        }
        return new CausalWalk(readEvents(node), boundary, missing, continuation(node));
    }

    /** Reads a correlation page. */
    public static CorrelationPage readCorrelation(String json) {
        JsonNode node = parse(json);
        return new CorrelationPage(readEvents(node), continuation(node));
    }

    /** Reads a causal order answer. */
    public static CausalOrder readOrder(String json) {
        try {
            return CausalOrder.valueOf(text(parse(json), "order"));
        } catch (IllegalArgumentException e) {
            throw new GraphException(GraphException.QUERY_FAILED, "unknown causal order in " + json, e);
        }
    }

    /** Reads an error body; empty when the text is not one. */
    public static Optional<GraphException> readError(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.hasNonNull("error") && node.hasNonNull("message")) {
                return Optional.of(new GraphException(node.get("error").asText(), node.get("message").asText()));
            }
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static void events(ObjectNode node, List<GraphEvent> events) {
        ArrayNode array = node.putArray("events");
        events.forEach(e -> array.add(event(e)));
    }

    private static List<GraphEvent> readEvents(JsonNode node) {
        List<GraphEvent> events = new ArrayList<>();
        for (JsonNode event : required(node, "events")) {
            events.add(readEvent(event));
        }
        return events;
    }

    private static Optional<String> continuation(JsonNode node) {
        return node.hasNonNull("continuation") ? Optional.of(node.get("continuation").asText()) : Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GraphException(GraphException.QUERY_FAILED, "the endpoint did not answer JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new GraphException(GraphException.QUERY_FAILED, "the endpoint's answer lacks '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain JSON nodes always serialises", e);
        }
    }
}
