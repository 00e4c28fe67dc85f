package dev.batpak.kafka.cli;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.frontier.Frontier;
import dev.batpak.kafka.frontier.LaneFrontier;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.GateEvaluation;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.receipt.CommitReceipt;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes the command line prints for receipts, outcomes, events and frontiers. */
final class Renderings {

    private static final HexFormat HEX = HexFormat.of();

    private Renderings() {
    }

    static Map<String, Object> appendReceipt(AppendReceipt receipt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", receipt.eventId().toString());
        out.put("lane", receipt.lane());
        out.put("proposalOffset", receipt.proposalOffset());
        out.put("hlc", receipt.hlc().toString());
        out.put("contentHash", HEX.formatHex(receipt.contentHash()));
        return out;
    }

    static Map<String, Object> outcome(Outcome outcome) {
        Map<String, Object> out = appendReceipt(outcome.appendReceipt());
        if (outcome instanceof Outcome.Proposed proposed) {
            out.put("stage", proposed.reached().name().toLowerCase());
        } else if (outcome instanceof Outcome.Committed committed) {
            out.put("stage", "visible");
            out.put("outcome", "committed");
            out.put("replayed", committed.replayed());
            out.put("event", event(committed.event()));
            out.put("receipt", commitReceipt(committed.receipt()));
        } else if (outcome instanceof Outcome.Denied denied) {
            out.put("stage", "visible");
            out.put("outcome", "denied");
            out.put("code", denied.code());
            out.put("message", denied.message());
            out.put("context", pairs(denied.context()));
            out.put("trace", trace(denied.evaluations()));
            out.put("denialEvent", event(denied.denialEvent()));
            out.put("receipt", commitReceipt(denied.receipt()));
        }
        return out;
    }

    static Map<String, Object> event(StoredEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", event.eventId().toString());
        out.put("entity", event.coordinate().entity());
        out.put("scope", event.coordinate().scope());
        out.put("kind", event.kind().toString());
        out.put("lane", event.lane());
        out.put("clock", event.clock());
        out.put("hlc", event.hlc().toString());
        out.put("correlationId", event.correlationId().toString());
        out.put("causes", event.causes().stream().map(Object::toString).toList());
        out.put("encoding", event.payload().encoding().name());
        out.put("payload", event.payload().encoding() == dev.batpak.kafka.append.Payload.Encoding.JSON
                ? event.payload().text() : HEX.formatHex(event.payload().bytes()));
        out.put("prevHash", HEX.formatHex(event.prevHash()));
        out.put("eventHash", HEX.formatHex(event.eventHash()));
        out.put("proposalOffset", event.proposalOffset());
        out.put("journalOffset", event.journalOffset());
        return out;
    }

    static Map<String, Object> commitReceipt(CommitReceipt receipt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("eventId", receipt.eventId().toString());
        out.put("lane", receipt.lane());
        out.put("clock", receipt.clock());
        out.put("eventHash", HEX.formatHex(receipt.eventHash()));
        out.put("signed", receipt.signature().isPresent());
        receipt.signature().ifPresent(signature -> {
            out.put("keyId", signature.keyId().toString());
            out.put("signature", HEX.formatHex(signature.signature()));
        });
        return out;
    }

    static Map<String, Object> frontier(Frontier frontier) {
        List<Object> lanes = new ArrayList<>();
        for (LaneFrontier lane : frontier.lanes()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("lane", lane.lane());
            for (Stage stage : Stage.values()) {
                row.put(stage.name().toLowerCase(), lane.get(stage));
            }
            lanes.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lanes", lanes);
        return out;
    }

    private static List<Object> trace(List<GateEvaluation> evaluations) {
        List<Object> out = new ArrayList<>();
        for (GateEvaluation evaluation : evaluations) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("gate", evaluation.gateId());
            if (evaluation.verdict() instanceof GateVerdict.Deny deny) {
                row.put("verdict", "deny");
                row.put("code", deny.code());
                row.put("message", deny.message());
                row.put("context", pairs(deny.context()));
            } else {
                row.put("verdict", evaluation.verdict() instanceof GateVerdict.Permit ? "permit" : "skipped");
            }
            out.add(row);
        }
        return out;
    }

    private static Map<String, Object> pairs(List<Map.Entry<String, String>> pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        pairs.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
