package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.schemas.Proposal;

/**
 * A proposal the demo wrote and where Kafka put it.
 *
 * @param proposal the record written
 * @param lane its lane (partition)
 * @param offset its offset in the lane
 */
public record WrittenProposal(Proposal proposal, int lane, long offset) {

    /** The context key under which {@link WriteProposalStep} leaves it. */
    public static final DemoKey<WrittenProposal> KEY = DemoKey.of("written proposal", WrittenProposal.class);
}
