package dev.batpak.kafka.cli;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.ExpectedSequence;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.CorrelationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code batpak append}: appends one event and prints its receipt (and, with {@code --wait}, the
 * stage reached or the sequencer's decision) as one JSON object.
 */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Append one event; print its receipt (with --wait, the stage reached or the decision) as JSON.")
public final class AppendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--store", required = true, paramLabel = "NAME", description = "The store.")
    private String store;

    @Option(names = "--entity", required = true, paramLabel = "ENTITY", description = "The entity (stream key).")
    private String entity;

    @Option(names = "--scope", required = true, paramLabel = "SCOPE", description = "The scope.")
    private String scope;

    @Option(names = "--kind", required = true, paramLabel = "CAT:TYPE",
            description = "The kind, category:type, decimal or 0x-hex (categories 0 and 13 are reserved).")
    private String kind;

    @Option(names = "--data", required = true, paramLabel = "JSON|@FILE",
            description = "The JSON payload, or @path to read it from a file.")
    private String data;

    @Option(names = "--key", paramLabel = "KEY",
            description = "Idempotency: an idempotency:<hex> key, or any text (hashed as operation 'batpak.cli').")
    private String key;

    @Option(names = "--expect", paramLabel = "N|empty", description = "Expected head clock of the stream, or 'empty'.")
    private String expect;

    @Option(names = "--lane", paramLabel = "L", description = "Pin a lane instead of the entity's hash lane.")
    private Integer lane;

    @Option(names = "--correlation", paramLabel = "ID", description = "Correlation id (correlation:<hex>).")
    private String correlation;

    @Option(names = "--cause", paramLabel = "EVENT_ID", description = "A causation parent (event:<hex>); repeatable.")
    private List<String> causes = new ArrayList<>();

    @Option(names = "--wait", paramLabel = "STAGE",
            description = "Wait for a stage: written, durable, accepted, visible (prints the decision).")
    private String waitFor;

    @Override
    public Integer call() throws Exception {
        AppendOptions options = AppendOptions.none();
        if (key != null) {
            options = options.idempotencyKey(key.startsWith("idempotency:") ? IdempotencyKey.parse(key)
                    : IdempotencyKey.forOperation("batpak.cli", key));
        }
        if (expect != null) {
            options = options.expect(ExpectedSequence.parse(expect));
        }
        if (lane != null) {
            options = options.lane(lane);
        }
        if (correlation != null) {
            options = options.correlation(CorrelationId.parse(correlation));
        }
        for (String cause : causes) {
            options = options.causedBy(EventId.parse(cause));
        }
        Stage stage = waitFor == null ? null : Stage.parse(waitFor);
        Coordinate coordinate = Coordinate.of(entity, scope);
        EventKind eventKind = EventKind.parse(kind);
        Payload payload = Payload.json(data.startsWith("@")
                ? Files.readString(Path.of(data.substring(1)), StandardCharsets.UTF_8) : data);
        try (EventStore events = StoreAccess.open(kafka, store)) {
            AppendReceipt receipt = events.append(coordinate, eventKind, payload, options);
            Map<String, Object> out = stage == null ? Renderings.appendReceipt(receipt)
                    : Renderings.outcome(waitOutcome(events, receipt, stage));
            spec.commandLine().getOut().println(Json.object(out));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Outcome waitOutcome(EventStore events, AppendReceipt receipt, Stage stage) {
        return events.waitFor(receipt, stage, kafka.timeout());
    }
}
