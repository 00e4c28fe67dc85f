package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.clock.HybridLogicalClock;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.internal.hash.Blake3;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.Proposal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes one Avro {@code Proposal} to {@code <store>.proposals} with the producer settings an
 * append uses: {@code acks=all} and idempotence (so an acknowledged write is durable and never
 * duplicated by a retry) and {@code linger.ms=0} (so a synchronous append does not wait for a
 * batch to fill).
 */
public final class WriteProposalStep implements DemoStep {

    /** The coordinate of the demo's event. */
    static final Coordinate COORDINATE = Coordinate.of("order-1001", "shop");

    /** The demo event's kind: category 1, type 1 ({@code 1:1}), an ordinary product kind. */
    static final EventKind KIND = EventKind.custom(1, 1);

    private static final String PAYLOAD = "{\"item\":\"kafka-in-action\",\"quantity\":1}";

    @Override
    public String title() {
        return "Write one proposal (Avro) to the proposals topic";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        EventId eventId = EventId.random();
        HlcTimestamp hlc = new HybridLogicalClock(InstantSource.system()).now();
        byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        Proposal proposal = Proposal.newBuilder()
                .setEventId(new Id16(eventId.toBytes()))
                .setEntity(COORDINATE.entity())
                .setScope(COORDINATE.scope())
                .setKind(KIND.raw())
                .setEncoding(PayloadEncoding.JSON)
                .setPayload(ByteBuffer.wrap(payload))
                .setContentHash(new Hash32(Blake3.hash(payload)))
                // A root event is its own correlation: it starts the causal group.
                .setCorrelationId(new Id16(eventId.toBytes()))
                .setHlc(hlc.packed())
                .build();
        // The lane is Kafka's own key hash, as the default partitioner computes it for this key.
        int lane = Utils.toPositive(Utils.murmur2(COORDINATE.entity().getBytes(StandardCharsets.UTF_8)))
                % context.lanes();
        Map<String, Object> config = context.clientConfig("producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) context.timeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(30_000, context.timeout().toMillis()));
        ByteBuffer encoded = proposal.toByteBuffer();
        byte[] value = new byte[encoded.remaining()];
        encoded.get(value);
        long start = System.nanoTime();
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            written = producer.send(new ProducerRecord<>(context.topics().proposals(), lane, COORDINATE.entity(), value))
                    .get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        context.say("event " + eventId + " at " + COORDINATE + ", kind " + KIND + ", payload " + PAYLOAD);
        context.say("entity " + COORDINATE.entity() + " -> lane " + lane + " (murmur2 of the entity, mod "
                + context.lanes() + " lanes)");
        context.say(String.format("acknowledged by the broker: %s, partition %d, offset %d, %d bytes of Avro"
                        + " (single-object encoding), in %.1f ms including connecting", written.topic(),
                written.partition(), written.offset(), value.length, micros / 1000.0));
        context.put(WrittenProposal.KEY, new WrittenProposal(proposal, written.partition(), written.offset()));
        context.report("proposalsWritten", 1);
    }
}
