package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.frontier.Frontier;
import dev.batpak.kafka.frontier.LaneFrontier;
import dev.batpak.kafka.receipt.VerifyingKeys;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.verify.JournalVerifier;
import dev.batpak.kafka.verify.VerificationReport;

/** Prints the frontier of every lane, then re-reads the whole journal and verifies every stream. */
public final class FrontierAndVerifyStep implements DemoStep {

    @Override
    public String title() {
        return "The frontier of every lane, and `verify`: re-read the journal, check every chain and signature";
    }

    @Override
    public void run(DemoContext context) {
        EventStore store = context.get(OpenStoreStep.STORE);
        Frontier frontier = store.frontier();
        for (LaneFrontier lane : frontier.lanes()) {
            context.say("lane " + lane.lane() + ": written " + lane.written() + ", durable " + lane.durable()
                    + ", accepted " + lane.accepted() + ", visible " + lane.visible() + ", applied " + lane.applied()
                    + ", emitted " + lane.emitted());
        }
        VerificationReport report = JournalVerifier.of(VerifyingKeys.of(
                context.get(SequencerStep.SIGNING_KEY).verifyingKey()))
                .verifyStore(verifyConfig(context), context.topics().store(), context.timeout());
        context.say(report.summary());
        if (!report.isIntact()) {
            throw new IllegalStateException("the journal did not verify: " + report.summary());
        }
        context.report("journalEvents", report.eventsChecked());
        context.report("verified", report.isIntact());
    }

    private static java.util.Map<String, Object> verifyConfig(DemoContext context) {
        java.util.Map<String, Object> config = context.clientConfig("verify");
        config.putAll(context.registry());
        return config;
    }
}
