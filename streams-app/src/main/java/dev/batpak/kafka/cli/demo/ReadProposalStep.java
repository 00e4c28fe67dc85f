package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.cli.CommandFailedException;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.schemas.Proposal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the proposal back with a {@code read_committed} consumer (the isolation every batpak
 * reader uses, so that aborted transactions are never seen), decodes it and checks that it is
 * the one written, content hash included.
 */
public final class ReadProposalStep implements DemoStep {

    @Override
    public String title() {
        return "Read it back with a read_committed consumer";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        WrittenProposal written = context.get(WrittenProposal.KEY);
        Map<String, Object> config = context.clientConfig("consumer");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        TopicPartition lane = new TopicPartition(context.topics().proposals(), written.lane());
        ConsumerRecord<String, byte[]> found = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            // No consumer group: the demo reads one known position, as a verifier would.
            consumer.assign(List.of(lane));
            consumer.seek(lane, written.offset());
            long deadline = System.nanoTime() + context.timeout().toNanos();
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == written.offset()) {
                        found = record;
                    }
                }
            }
        }
        if (found == null) {
            throw new CommandFailedException("DEMO_READ_TIMEOUT", "the proposal written at " + lane + " offset "
                    + written.offset() + " was not read back within " + context.timeout());
        }
        Proposal read = Proposal.fromByteBuffer(ByteBuffer.wrap(found.value()));
        byte[] payload = new byte[read.getPayload().remaining()];
        read.getPayload().duplicate().get(payload);
        boolean hashOk = Arrays.equals(Blake3.hash(payload), read.getContentHash().bytes());
        if (!read.equals(written.proposal()) || !hashOk) {
            throw new CommandFailedException("DEMO_MISMATCH", "the proposal read back at " + lane + " offset "
                    + found.offset() + " differs from the one written" + (hashOk ? "" : " (content hash mismatch)"));
        }
        EventId eventId = EventId.fromBytes(read.getEventId().bytes());
        context.say("read " + lane + " offset " + found.offset() + ": key " + found.key() + ", event " + eventId
                + ", kind " + EventKind.fromRaw(read.getKind()));
        context.say("payload " + new String(payload, StandardCharsets.UTF_8) + ", BLAKE3 content hash verified");
        context.report("proposalsRead", 1);
        context.report("lane", written.lane());
        context.report("offset", written.offset());
        context.report("eventId", eventId.toString());
    }
}
