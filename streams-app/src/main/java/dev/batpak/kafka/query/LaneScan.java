package dev.batpak.kafka.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.batpak.kafka.read.QueryJson;
import dev.batpak.kafka.read.StoredEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What one lane contributed to a page: the matching events after the resume point, in commit
 * order, and how far the scan got. A scan stops at the page limit of matches, at its scan budget,
 * or at the end of the lane's index ({@code exhausted}).
 *
 * @param lane the lane
 * @param candidates matching events, ascending journal offset (and so ascending HLC)
 * @param lastOffset the journal offset of the last index entry scanned, -1 if none
 * @param lastHlc the packed HLC of that entry, 0 if none
 * @param exhausted true if the scan reached the end of the lane's index
 */
public record LaneScan(int lane, List<StoredEvent> candidates, long lastOffset, long lastHlc, boolean exhausted) {

    /** Validates and copies: candidates in one lane, strictly ascending, none after the last scanned entry. */
    public LaneScan {
        candidates = List.copyOf(candidates);
        long previousOffset = -1;
        long previousHlc = Long.MIN_VALUE;
        for (StoredEvent event : candidates) {
            if (event.lane() != lane) {
                throw new IllegalArgumentException("event " + event.eventId() + " of lane " + event.lane()
                        + " in the scan of lane " + lane);
            }
            if (event.journalOffset() <= previousOffset || event.hlc().packed() <= previousHlc) {
                throw new IllegalArgumentException("lane " + lane + " scan is not in commit order at offset "
                        + event.journalOffset());
            }
            previousOffset = event.journalOffset();
            previousHlc = event.hlc().packed();
        }
        if (!candidates.isEmpty() && lastOffset < previousOffset) {
            throw new IllegalArgumentException("lane " + lane + " scan ends at " + lastOffset
                    + " before its last candidate " + previousOffset);
        }
        if (!exhausted && lastOffset < 0) {
            throw new IllegalArgumentException("lane " + lane + " scan stopped early without scanning anything");
        }
    }

    /** The JSON form, for the internal route between instances. */
    public String toJson() {
        ObjectNode node = QueryJson.object();
        node.put("lane", lane);
        ArrayNode events = node.putArray("events");
        candidates.forEach(e -> events.add(QueryJson.event(e)));
        node.put("lastOffset", lastOffset);
        node.put("lastHlc", lastHlc);
        node.put("exhausted", exhausted);
        return QueryJson.write(node);
    }

    /** Reads {@link #toJson()}. */
    public static LaneScan fromJson(String json) {
        JsonNode node = QueryJson.parse(json);
        List<StoredEvent> events = new ArrayList<>();
        for (JsonNode event : QueryJson.required(node, "events")) {
            events.add(QueryJson.readEvent(event));
        }
        return new LaneScan(QueryJson.required(node, "lane").asInt(), events,
                QueryJson.required(node, "lastOffset").asLong(), QueryJson.required(node, "lastHlc").asLong(),
                QueryJson.required(node, "exhausted").asBoolean());
    }
}
