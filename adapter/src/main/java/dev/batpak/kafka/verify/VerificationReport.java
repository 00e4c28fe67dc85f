package dev.batpak.kafka.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one journal verification: what was read, and every problem found.
 *
 * <p>{@link #isIntact()} is the verdict: no finding of any kind. {@link #findings()} holds at most
 * the verifier's finding limit ({@link JournalVerifier#withMaxFindings}); {@link #findingCount()}
 * and {@link #findingCounts()} always count all of them, so a journal broken everywhere (a wrong
 * key, say) does not exhaust memory, and the counts still say how bad it is.
 *
 * @param store the store whose journal was read, or null when records were given directly
 * @param recordsRead journal records read, decodable or not
 * @param eventsChecked records that decoded as journal events
 * @param streams distinct {@code (entity, lane)} streams among the events
 * @param lanes journal partitions: the topic's partition count, or the distinct partitions
 *     among records given directly
 * @param signedEvents events that carry a signature block (not the unsigned sentinel)
 * @param verifiedSignatures events whose signature verified under a configured key (0 when
 *     no keys were configured: a signature is then only checked to be well formed)
 * @param verifyingKeys how many verifying keys were configured
 * @param findingCount every finding, including those beyond the limit
 * @param findingCounts every finding, by code (codes with none are absent)
 * @param findings the findings kept, sorted by lane, offset and code
 */
public record VerificationReport(
        String store,
        long recordsRead,
        long eventsChecked,
        long streams,
        int lanes,
        long signedEvents,
        long verifiedSignatures,
        int verifyingKeys,
        long findingCount,
        Map<FindingCode, Long> findingCounts,
        List<Finding> findings) {

    /** Exit code of {@code batpak verify} when the journal is intact. */
    public static final int EXIT_INTACT = 0;

    /** Exit code of {@code batpak verify} when there is at least one finding. */
    public static final int EXIT_FINDINGS = 1;

    /** How many findings {@link #summary()} lists before it says how many more there are. */
    public static final int SUMMARY_FINDINGS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the counts and copies the collections. */
    public VerificationReport {
        Objects.requireNonNull(findingCounts, "findingCounts");
        Objects.requireNonNull(findings, "findings");
        if (recordsRead < 0 || eventsChecked < 0 || streams < 0 || lanes < 0 || signedEvents < 0
                || verifiedSignatures < 0 || verifyingKeys < 0 || findingCount < 0) {
            throw new IllegalArgumentException("report counts must be non-negative");
        }
        if (eventsChecked > recordsRead || verifiedSignatures > signedEvents || findings.size() > findingCount) {
            throw new IllegalArgumentException("inconsistent report: " + eventsChecked + " events of " + recordsRead
                    + " records, " + verifiedSignatures + " verified of " + signedEvents + " signed, "
                    + findings.size() + " findings kept of " + findingCount);
        }
        long counted = findingCounts.values().stream().mapToLong(Long::longValue).sum();
        if (counted != findingCount) {
            throw new IllegalArgumentException("findingCounts add up to " + counted + ", not findingCount " + findingCount);
        }
        EnumMap<FindingCode, Long> counts = new EnumMap<>(FindingCode.class);
        counts.putAll(findingCounts);
        findingCounts = Collections.unmodifiableMap(counts);
        findings = List.copyOf(findings);
    }

    /** No finding of any kind: every stream is dense, linked and hashes, and every signature checked verifies. */
    public boolean isIntact() {
        return findingCount == 0;
    }

    /** Whether more findings were found than {@link #findings()} holds. */
    public boolean findingsTruncated() {
        return findingCount > findings.size();
    }

    /** {@link #EXIT_INTACT} or {@link #EXIT_FINDINGS}. */
    public int exitCode() {
        return isIntact() ? EXIT_INTACT : EXIT_FINDINGS;
    }

    /** The findings kept with the given code. */
    public List<Finding> findings(FindingCode code) {
        Objects.requireNonNull(code, "code");
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    /**
     * The report as one line of JSON, for scripts: the counts, {@code "intact"}, the counts by
     * code, and every kept finding as {@code {"code","lane","offset","eventId","entity","clock",
     * "message"}} ({@code eventId}, {@code entity} and {@code clock} are null for a record that
     * did not decode).
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("store", store);
        root.put("intact", isIntact());
        root.put("recordsRead", recordsRead);
        root.put("eventsChecked", eventsChecked);
        root.put("streams", streams);
        root.put("lanes", lanes);
        root.put("signedEvents", signedEvents);
        root.put("verifiedSignatures", verifiedSignatures);
        root.put("verifyingKeys", verifyingKeys);
        root.put("findingCount", findingCount);
        ObjectNode counts = root.putObject("findingCounts");
        findingCounts.forEach((code, count) -> counts.put(code.name(), count));
        root.put("findingsTruncated", findingsTruncated());
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode node = list.addObject();
            node.put("code", f.code().name());
            node.put("lane", f.lane());
            node.put("offset", f.journalOffset());
            node.put("eventId", f.eventId() == null ? null : f.eventId().toString());
            node.put("entity", f.entity());
            if (f.clock() == Finding.UNKNOWN_CLOCK) {
                node.putNull("clock");
            } else {
                node.put("clock", f.clock());
            }
            node.put("message", f.message());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; this would be a Jackson defect.
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #summary(int)} listing at most {@link #SUMMARY_FINDINGS} findings. */
    public String summary() {
        return summary(SUMMARY_FINDINGS);
    }

    /**
     * A few lines for people: the verdict and counts on the first line, then one line per
     * finding (at most {@code maxFindings}), then how many were not listed.
     */
    public String summary(int maxFindings) {
        if (maxFindings < 0) {
            throw new IllegalArgumentException("maxFindings must be >= 0, got " + maxFindings);
        }
        StringBuilder out = new StringBuilder();
        out.append(store == null ? "journal" : "store " + store + ": journal")
                .append(isIntact() ? " INTACT" : " NOT INTACT")
                .append(" (").append(eventsChecked).append(plural(eventsChecked, " event", " events"))
                .append(" in ").append(streams).append(plural(streams, " stream", " streams"))
                .append(" on ").append(lanes).append(plural(lanes, " lane", " lanes"));
        if (recordsRead != eventsChecked) {
            out.append(", ").append(recordsRead).append(" records read");
        }
        out.append(")\n");
        out.append("  signatures: ").append(signedEvents).append(" signed");
        if (verifyingKeys == 0) {
            out.append(", not verified (no verifying keys given; unsigned events accepted)");
        } else {
            out.append(", ").append(verifiedSignatures).append(" verified with ").append(verifyingKeys)
                    .append(plural(verifyingKeys, " key", " keys"));
        }
        out.append('\n');
        if (isIntact()) {
            return out.toString();
        }
        out.append("  ").append(findingCount).append(plural(findingCount, " finding", " findings")).append(": ");
        StringBuilder byCode = new StringBuilder();
        findingCounts.forEach((code, count) -> byCode.append(byCode.length() == 0 ? "" : ", ").append(code).append(' ').append(count));
        out.append(byCode).append('\n');
        int listed = Math.min(maxFindings, findings.size());
        for (int i = 0; i < listed; i++) {
            out.append("  ").append(findings.get(i).describe()).append('\n');
        }
        long unlisted = findingCount - listed;
        if (unlisted > 0) {
            out.append("  ... and ").append(unlisted).append(" more")
                    .append(findingsTruncated() ? " (raise the finding limit to keep them all)" : " (see the JSON report)")
                    .append('\n');
        }
        return out.toString();
    }

    private static String plural(long n, String one, String many) {
        return n == 1 ? one : many;
    }
}
