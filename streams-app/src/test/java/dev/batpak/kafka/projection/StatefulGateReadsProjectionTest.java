package dev.batpak.kafka.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.batpak.kafka.append.AppendOptions;
import dev.batpak.kafka.append.Outcome;
import dev.batpak.kafka.coordinate.Coordinate;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.frontier.Stage;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.gate.GateVerdict;
import dev.batpak.kafka.payload.EventType;
import dev.batpak.kafka.receipt.AppendReceipt;
import dev.batpak.kafka.sequencer.ProposalContext;
import dev.batpak.kafka.sequencer.SequencerApp;
import dev.batpak.kafka.sequencer.SequencerConfig;
import dev.batpak.kafka.store.EventStore;
import dev.batpak.kafka.store.StoreConfig;
import dev.batpak.kafka.store.StoreTopics;
import dev.batpak.kafka.testkit.InJvmKafkaBroker;
import dev.batpak.kafka.testkit.NoSilentSkips;
import dev.batpak.kafka.testkit.StoreNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stateful gate in the sequencer that reads a projection's state (through
 * {@link ProjectionReader}): withdrawals are refused when the projected balance does not cover
 * them. Real broker, real sequencer, real projection app.
 */
@ExtendWith(NoSilentSkips.class)
class StatefulGateReadsProjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int LANES = 2;

    /** An amount of money moved in or out of an account. */
    record Money(long cents) {
    }

    static final EventType<Money> DEPOSITED = EventType.json(Money.class, EventKind.custom(7, 1), 1);
    static final EventType<Money> WITHDRAWN = EventType.json(Money.class, EventKind.custom(7, 2), 1);

    /** The balance of each account: deposits minus withdrawals. */
    static final Projection<Long> BALANCE = Projection.of("balance", 1, 0L, Set.of(DEPOSITED.kind(), WITHDRAWN.kind()),
            StateCodec.longs(), (balance, event) -> event.kind().equals(DEPOSITED.kind())
                    ? balance + DEPOSITED.decode(event).cents() : balance - WITHDRAWN.decode(event).cents());

    @TempDir
    Path tempDir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String bootstrap = InJvmKafkaBroker.shared().bootstrapServers();
    private final String store = StoreNames.unique("gateproj");

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Refuses a withdrawal the projected balance of its account does not cover. */
    static Gate<ProposalContext> coveredByBalance(ProjectionReader projections, Projection<Long> balance) {
        return Gate.require("covered-by-balance", ctx -> {
            if (!ctx.kind().equals(WITHDRAWN.kind())) {
                return true;
            }
            long available = projections.project(balance, ctx.coordinate().entity()).map(Projected::state).orElse(0L);
            return WITHDRAWN.codec().decode(ctx.payload()).cents() <= available;
        }, "INSUFFICIENT_FUNDS", "the projected balance does not cover the withdrawal");
    }

    @Test
    void aStatefulGateDecidesOnAProjectionsState() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            StoreTopics.of(store).create(admin, LANES, (short) 1, Duration.ofSeconds(30));
        }
        Projection<Long> balance = BALANCE;
        ProjectionApp projections = new ProjectionApp(ProjectionConfig.builder(bootstrap, store, "accounts")
                .stateDir(tempDir.resolve("projections")).build(), List.of(balance));
        open.add(projections);
        projections.start(WAIT);
        SequencerApp sequencer = new SequencerApp(SequencerConfig.builder(bootstrap, store)
                .stateDir(tempDir.resolve("sequencer")).build(), GateSet.of(coveredByBalance(projections, balance)));
        open.add(sequencer);
        sequencer.start(WAIT);
        EventStore events = EventStore.open(StoreConfig.builder(bootstrap, store).lanes(LANES).build());
        open.add(events);

        Coordinate account = Coordinate.of("account:ada", "bank");
        // Each command is proposed after the previous event is APPLIED: the gate reads its effect.
        applied(events, events.append(account, DEPOSITED, new Money(100), AppendOptions.none()));
        AppendReceipt first = events.append(account, WITHDRAWN, new Money(60), AppendOptions.none());
        assertInstanceOf(Outcome.Committed.class, applied(events, first), "100 covers 60");
        Outcome second = events.waitFor(events.append(account, WITHDRAWN, new Money(60),
                AppendOptions.none()), Stage.VISIBLE, WAIT);
        Outcome.Denied denied = assertInstanceOf(Outcome.Denied.class, second, "PROPERTY: 40 left does not cover 60");
        assertEquals("GATE_DENIED", denied.code());
        var last = denied.evaluations().get(denied.evaluations().size() - 1);
        assertEquals("covered-by-balance", last.gateId());
        assertEquals("INSUFFICIENT_FUNDS", assertInstanceOf(GateVerdict.Deny.class, last.verdict()).code());
        assertEquals(40L, projections.project(balance, account.entity()).orElseThrow().state(),
                "the denied withdrawal changed nothing");
    }

    private static Outcome applied(EventStore events, AppendReceipt receipt) {
        return events.waitFor(receipt, Stage.APPLIED, WAIT);
    }
}
