/**
 * Client gates: caller-defined rules a proposal must pass before the caller writes it
 * (batpak-model §8.1–8.2).
 *
 * <p>The flow is {@link dev.batpak.kafka.gate.Proposal} → {@link dev.batpak.kafka.gate.GateSet}
 * or {@link dev.batpak.kafka.gate.Pipeline} → either a {@link dev.batpak.kafka.gate.GuardReceipt}
 * (every gate passed; commit it once) or a {@link dev.batpak.kafka.gate.Denial} with its
 * {@link dev.batpak.kafka.gate.DenialTrace} (the journal form of "why not"). A
 * {@link dev.batpak.kafka.gate.BypassReason} lets an operator skip the gates for one write, and
 * the resulting {@link dev.batpak.kafka.gate.Committed} carries a
 * {@link dev.batpak.kafka.gate.BypassAudit} so the bypass stays visible.
 *
 * <p>Gates here run in the caller's process, before anything reaches Kafka. They see only what
 * the caller gives them, so they are not atomic with the store: pair them with an expected
 * sequence on the append when the decision depends on the entity's current state. Rules that
 * must see the sequencer's state are stateful gates in the streams app.
 */
package dev.batpak.kafka.gate;
