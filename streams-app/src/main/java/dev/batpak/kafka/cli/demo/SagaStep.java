package dev.batpak.kafka.cli.demo;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.append.Payload;
import dev.batpak.kafka.cli.GraphCommand;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.frontier.WaitTimeoutException;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.GraphClient;
import dev.batpak.kafka.http.GraphHttpServer;
import dev.batpak.kafka.id.CausationId;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.id.IdempotencyKey;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.store.EventStore;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small saga across lanes: an order, its payment (caused by the order) and its shipment
 * (caused by the payment), each on a different lane. The shipment is proposed before its
 * payment exists, so the sequencer holds it — decided but not visible — until the payment is
 * visible on its own lane, then seals it with an HLC above the payment's. The causal graph (served
 * over HTTP by the streams app) then prints the saga's tree and answers {@code happenedBefore}.
 */
public final class SagaStep implements DemoStep {

    static final EventKind ORDER_PLACED = EventKind.custom(2, 1);
    static final EventKind PAYMENT_TAKEN = EventKind.custom(2, 2);
    static final EventKind SHIPMENT_BOOKED = EventKind.custom(2, 3);

    /** How long the step shows that the early shipment stays invisible. */
    private static final Duration HOLD_SHOWN = Duration.ofMillis(1500);

    @Override
    public String title() {
        return "A saga across lanes: an effect held until its cause is visible, the causal tree, happenedBefore";
    }

    @Override
    public void run(DemoContext context) throws Exception {
        EventStore store = context.get(OpenStoreStep.STORE);
        SequencerApp sequencer = context.get(SequencerStep.SEQUENCER);
        GraphHttpServer server = context.closeAtEnd(sequencer.serveGraph(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        GraphClient graph = GraphClient.of(server.uri(), context.timeout());

        List<Integer> used = new ArrayList<>();
        Coordinate order = onFreshLane(store, "order", "shop", used, context.lanes());
        Coordinate payment = onFreshLane(store, "payment", "billing", used, context.lanes());
        Coordinate shipment = onFreshLane(store, "shipment", "logistics", used, context.lanes());
        context.say("saga lanes: " + order + " -> lane " + used.get(0) + ", " + payment + " -> lane " + used.get(1)
                + ", " + shipment + " -> lane " + used.get(2));

        Outcome.Committed placed = committed(store, store.append(order, ORDER_PLACED, Payload.json("{\"total\":120}"),
                AppendOptions.none()), context);
        AppendOptions inSaga = AppendOptions.none().correlation(placed.event().correlationId());

        // The payment's id is its idempotency key, known before it is appended.
        EventId paymentId = IdempotencyKey.forOperation("demo.saga", order.entity(), "payment").toEventId();
        AppendReceipt early = store.append(shipment, SHIPMENT_BOOKED, Payload.json("{\"carrier\":\"rail\"}"),
                inSaga.causedBy(CausationId.of(paymentId)));
        boolean held;
        try {
            store.waitFor(early, Stage.VISIBLE, HOLD_SHOWN);
            held = false;
        } catch (WaitTimeoutException e) {
            held = true;
        }
        if (!held) {
            throw new IllegalStateException("the shipment became visible before its cause " + paymentId + " existed");
        }
        context.say("shipment proposed before its payment: not visible after " + HOLD_SHOWN.toMillis()
                + " ms (held by the sequencer; lane " + early.lane() + " VISIBLE stays at "
                + store.frontier().lane(early.lane()).visible() + ", just below offset " + early.proposalOffset() + ")");

        Outcome.Committed paid = committed(store, store.append(payment, PAYMENT_TAKEN, Payload.json("{\"cents\":12000}"),
                inSaga.idempotencyKey(IdempotencyKey.forOperation("demo.saga", order.entity(), "payment"))
                        .causedBy(CausationId.of(placed.event().eventId()))), context);
        Outcome.Committed shipped = committed(store, early, context);
        if (shipped.event().hlc().compareTo(paid.event().hlc()) <= 0) {
            throw new IllegalStateException("the shipment's HLC " + shipped.event().hlc()
                    + " does not follow its cause's " + paid.event().hlc());
        }
        context.say("payment visible -> the shipment was released and sealed; HLC " + shipped.event().hlc()
                + " > the payment's " + paid.event().hlc());

        context.say("causal tree of the saga (GET " + server.uri() + "/graph/descendants):");
        PrintWriter out = context.out();
        GraphCommand.printTree(out, "      ", placed.event().eventId(),
                graph.causalDescendants(placed.event().eventId(), 100, Optional.empty()).events());
        out.flush();
        CausalOrder orderThenShipment = graph.happenedBefore(placed.event().eventId(), shipped.event().eventId());
        Outcome.Committed unrelated = committed(store, store.append(Coordinate.of("newsletter:8008", "marketing"),
                ORDER_PLACED, Payload.json("{}"), AppendOptions.none()), context);
        CausalOrder shipmentVsUnrelated = graph.happenedBefore(shipped.event().eventId(), unrelated.event().eventId());
        context.say("happenedBefore(order, shipment) = " + orderThenShipment
                + "; happenedBefore(shipment, an unrelated event) = " + shipmentVsUnrelated);
        if (orderThenShipment != CausalOrder.BEFORE || shipmentVsUnrelated != CausalOrder.CONCURRENT) {
            throw new IllegalStateException("unexpected causal order: " + orderThenShipment + ", " + shipmentVsUnrelated);
        }
        context.report("sagaEffectHeld", true);
        context.report("sagaLanes", List.copyOf(used));
        context.report("happenedBefore", orderThenShipment.name());
    }

    private static Outcome.Committed committed(EventStore store, AppendReceipt receipt, DemoContext context) {
        Outcome outcome = store.waitFor(receipt, Stage.VISIBLE, context.timeout());
        if (!(outcome instanceof Outcome.Committed committed)) {
            throw new IllegalStateException("a saga step was not committed: " + outcome);
        }
        return committed;
    }

    /** {@code <prefix>:8008[-n]} on a lane no earlier saga entity uses (any lane once all are used). */
    private static Coordinate onFreshLane(EventStore store, String prefix, String scope, List<Integer> used,
            int lanes) {
        for (int n = 0; n < 1000; n++) {
            String entity = prefix + ":8008" + (n == 0 ? "" : "-" + n);
            int lane = store.laneOf(entity);
            if (!used.contains(lane) || used.size() >= lanes) {
                used.add(lane);
                return Coordinate.of(entity, scope);
            }
        }
        throw new IllegalStateException("no entity name found on a fresh lane");
    }
}
