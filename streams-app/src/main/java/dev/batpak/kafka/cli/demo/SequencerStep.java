package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.sequencer.ProposalContext;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the streams app in-process: the sequencer on Kafka Streams (exactly-once, RocksDB),
 * with a fresh Ed25519 signing key and one stateful gate that refuses flagged orders.
 */
public final class SequencerStep implements DemoStep {

    /** The signing key of the demo's sequencer. */
    static final DemoKey<SigningKey> SIGNING_KEY = DemoKey.of("signingKey", SigningKey.class);

    /** The running sequencer. */
    static final DemoKey<SequencerApp> SEQUENCER = DemoKey.of("sequencer", SequencerApp.class);

    /** A kind the stateful gate refuses. */
    static final EventKind ORDER_FLAGGED = EventKind.custom(1, 99);

    @Override
    public String title() {
        return "Start the sequencer (Kafka Streams, exactly-once, RocksDB) with a signing key and a stateful gate";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        Path work = Files.createTempDirectory("batpak-demo-sequencer");
        SigningKey key = SigningKey.generate();
        Path keyFile = work.resolve("signing-key.pem");
        key.save(keyFile);
        Gate<ProposalContext> noFlagged = Gate.require("no-flagged-orders",
                proposal -> !proposal.kind().equals(ORDER_FLAGGED), "FLAGGED", "flagged orders need a human review");
        SequencerConfig.Builder builder = SequencerConfig.builder(context.bootstrap(), context.topics().store())
                .stateDir(work.resolve("state"))
                .signingKeyFile(keyFile);
        context.registry().forEach(builder::registryProperty);
        SequencerConfig config = builder.build();
        SequencerApp app = context.closeAtEnd(new SequencerApp(config, GateSet.of(noFlagged)));
        long start = System.nanoTime();
        app.start(context.timeout().plus(Duration.ofSeconds(30)));
        context.put(SIGNING_KEY, key);
        context.put(SEQUENCER, app);
        context.say("sequencer RUNNING in " + (System.nanoTime() - start) / 1_000_000 + " ms, application.id "
                + config.applicationId() + ", signing key id " + key.keyId());
        context.say("stateful gate: no-flagged-orders (refuses kind " + ORDER_FLAGGED + ")");
    }
}
