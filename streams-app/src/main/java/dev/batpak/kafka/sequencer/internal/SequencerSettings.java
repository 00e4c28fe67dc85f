package dev.batpak.kafka.sequencer.internal;

import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.sequencer.ProposalContext;
import dev.batpak.kafka.registry.RecordCodecs;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one sequencer processor needs besides its stores, resolved once when the topology
 * is built (gate classes loaded, signing key read), so a processor never fails on configuration
 * in the middle of a lane.
 *
 * @param store the store name (the topic prefix), written into frontier points
 * @param publisher the publisher name written into frontier points
 * @param maxPayloadBytes the largest payload + extensions + causes, in bytes
 * @param idempotencyWindow proposals per lane during which an idempotency entry is never evicted
 * @param idempotencyMaxKeys the soft cap on idempotency entries per lane (only out-of-window keys are evicted for it)
 * @param frontierPublishInterval how often the frontier punctuator runs
 * @param housekeepingInterval how often eviction and the incomplete-batch timeout run
 * @param batchTimeout how long an incomplete batch may wait for its remaining items
 * @param maxClockSkew how far ahead of the sequencer's wall clock a proposal's HLC may be
 * @param causalWait how long a proposal may wait for its causation parents before {@code CAUSE_NOT_FOUND}
 * @param causalRecheckInterval how often held proposals are rechecked for their parents
 * @param gates the stateful gates, in evaluation order
 * @param signer the receipt signer, when a signing key is configured
 */
public record SequencerSettings(String store, String publisher, int maxPayloadBytes, long idempotencyWindow,
        long idempotencyMaxKeys, Duration frontierPublishInterval, Duration housekeepingInterval,
        Duration batchTimeout, Duration maxClockSkew, Duration causalWait, Duration causalRecheckInterval,
        GateSet<ProposalContext> gates, Optional<ReceiptSigner> signer,
        RecordCodecs codecs) {

    /** Validates. */
    public SequencerSettings {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(publisher, "publisher");
        if (maxPayloadBytes < 1 || idempotencyWindow < 1 || idempotencyMaxKeys < 1) {
            throw new IllegalArgumentException("maxPayloadBytes, idempotencyWindow and idempotencyMaxKeys must be >= 1");
        }
        requirePositive("frontierPublishInterval", frontierPublishInterval);
        requirePositive("housekeepingInterval", housekeepingInterval);
        requirePositive("batchTimeout", batchTimeout);
        requirePositive("maxClockSkew", maxClockSkew);
        requirePositive("causalWait", causalWait);
        requirePositive("causalRecheckInterval", causalRecheckInterval);
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(signer, "signer");
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
