package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.coordinate.Region;
import dev.batpak.kafka.cursor.Cursor;
import dev.batpak.kafka.cursor.CursorAction;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.reactor.OutboxRecord;
import dev.batpak.kafka.reactor.Reaction;
import dev.batpak.kafka.reactor.Reactor;
import dev.batpak.kafka.reactor.ReactorApp;
import dev.batpak.kafka.reactor.ReactorConfig;
import dev.batpak.kafka.reactor.ReactorOutput;
import dev.batpak.kafka.read.StoredEvent;
import dev.batpak.kafka.store.EventStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Starts a reactor that answers a paid order with a shipment request (a reaction) and a notice on
 * an external topic (an outbox record), appends a payment, waits for EMITTED, reads the outbox
 * record read_committed and the reaction back with a cursor: it is caused by the payment and
 * carries its correlation.
 */
public final class ReactorStep implements DemoStep {

    /** An order was paid. */
    static final EventKind ORDER_PAID = EventKind.custom(1, 31);
    /** A shipment is requested (the reaction). */
    static final EventKind SHIPMENT_REQUESTED = EventKind.custom(1, 32);

    /** The order the step pays. */
    static final Coordinate ORDER = Coordinate.of("order:6006", "shop");

    /**
     * Answers every payment with a shipment request on {@code shipment:<order number>} (a
     * reaction) and a notice to the warehouse's topic (an outbox record), in one transaction.
     */
    static final class Fulfilment implements Reactor {

        private final String outboxTopic;

        Fulfilment(String outboxTopic) {
            this.outboxTopic = outboxTopic;
        }

        @Override
        public String name() {
            return "fulfilment";
        }

        @Override
        public Set<EventKind> relevantKinds() {
            return Set.of(ORDER_PAID);
        }

        @Override
        public Set<String> outboxTopics() {
            return Set.of(outboxTopic);
        }

        @Override
        public List<Reaction> react(StoredEvent event) {
            String entity = event.coordinate().entity();
            String order = entity.substring(entity.indexOf(':') + 1);
            return List.of(Reaction.of(Coordinate.of("shipment:" + order, "shipping"), SHIPMENT_REQUESTED,
                    Payload.json("{\"order\":\"" + entity + "\"}")));
        }

        @Override
        public ReactorOutput respond(StoredEvent event) {
            String entity = event.coordinate().entity();
            return ReactorOutput.of(react(event), List.of(OutboxRecord.of(outboxTopic, entity,
                    "{\"ship\":\"" + entity + "\"}")));
        }
    }

    @Override
    public String title() {
        return "A reactor: pay an order, wait for EMITTED, read the outbox record and the shipment request it caused";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        ReactorConfig config = ReactorConfig.builder(context.bootstrap(), context.topics().store(), "demo")
                .stateDir(context.temporaryDirectory("batpak-demo-reactors"))
                .replicationFactor(context.replicationFactor())
                .registryProperties(context.registry())
                .build();
        String outboxTopic = context.topics().store() + "-warehouse-notices";
        createOutboxTopic(context, outboxTopic);
        Fulfilment reactor = new Fulfilment(outboxTopic);
        ReactorApp app = context.closeAtEnd(new ReactorApp(config, List.of(reactor)));
        long start = System.nanoTime();
        app.start(context.timeout().plus(Duration.ofSeconds(30)));
        context.say("reactor '" + reactor.name() + "' RUNNING in " + (System.nanoTime() - start) / 1_000_000
                + " ms, application.id " + config.applicationId() + ", outbox topic " + outboxTopic);

        EventStore store = context.get(OpenStoreStep.STORE);
        Outcome outcome = store.waitFor(store.append(ORDER, ORDER_PAID, Payload.json("{\"amount\":42}")),
                Stage.EMITTED, context.timeout());
        if (!(outcome instanceof Outcome.Committed)) {
            throw new IllegalStateException("the payment was not committed: " + outcome);
        }
        StoredEvent paid = ((Outcome.Committed) outcome).event();
        context.say("waitFor(EMITTED) returned: the reaction to " + paid.eventId() + " and its outbox record are"
                + " committed, in the reactor's exactly-once transaction");
        ConsumerRecord<byte[], byte[]> notice = readOutbox(context, outboxTopic, paid);
        context.say("outbox: " + outboxTopic + " offset " + notice.offset() + ", key "
                + new String(notice.key(), StandardCharsets.UTF_8) + ", value "
                + new String(notice.value(), StandardCharsets.UTF_8) + " (read_committed)");

        StoredEvent reaction = readReaction(context, paid);
        boolean causedBySource = reaction.causes().equals(List.of(CausationId.of(paid.eventId())));
        boolean sameCorrelation = reaction.correlationId().equals(paid.correlationId());
        context.say("reaction " + reaction.eventId() + " at " + reaction.coordinate() + ", kind " + reaction.kind()
                + ": caused by " + reaction.primaryCause().orElseThrow() + ", correlation " + reaction.correlationId());
        if (!causedBySource || !sameCorrelation) {
            throw new IllegalStateException("the reaction is not chained to the payment: causes " + reaction.causes()
                    + ", correlation " + reaction.correlationId() + " (the payment's: " + paid.correlationId() + ")");
        }
        context.report("reactionCausedBySource", causedBySource);
        context.report("reactionSameCorrelation", sameCorrelation);
        context.report("outboxRecordCommitted", true);
    }

    /** The outbox topic is the user's own: the demo creates it (an existing one is fine). */
    private static void createOutboxTopic(DemoContext context, String topic) throws Exception {
        try {
            context.admin().createTopics(List.of(new NewTopic(topic, 1, context.replicationFactor()))).all()
                    .get(context.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Reads, read_committed, the outbox record the reactor wrote for {@code paid}. */
    private static ConsumerRecord<byte[], byte[]> readOutbox(DemoContext context, String topic, StoredEvent paid) {
        Map<String, Object> config = context.clientConfig("outbox-reader");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        byte[] source = paid.eventId().toString().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + context.timeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    Header causation = record.headers().lastHeader(OutboxRecord.CAUSATION_HEADER);
                    if (causation != null && Arrays.equals(source, causation.value())) {
                        return record;
                    }
                }
            }
        }
        throw new IllegalStateException("no committed outbox record for " + paid.eventId() + " in " + topic
                + " within " + context.timeout());
    }

    /** Reads the sequenced reaction to {@code paid} with a cursor over the shipment requests. */
    private static StoredEvent readReaction(DemoContext context, StoredEvent paid) {
        Map<String, Object> props = new HashMap<>(context.registry());
        CausationId cause = CausationId.of(paid.eventId());
        StoredEvent[] found = new StoredEvent[1];
        long deadline = System.nanoTime() + context.timeout().toNanos();
        try (Cursor cursor = Cursor.open(context.bootstrap(), context.topics().store(), context.lanes(),
                "demo-shipments", Region.all().withKind(SHIPMENT_REQUESTED), props, context.timeout())) {
            while (found[0] == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the reaction to " + paid.eventId() + " was not visible within "
                            + context.timeout());
                }
                cursor.poll(Duration.ofMillis(200), event -> {
                    if (event.causes().contains(cause)) {
                        found[0] = event;
                        return CursorAction.STOP;
                    }
                    return CursorAction.CONTINUE;
                });
            }
        }
        return found[0];
    }
}
