package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.gate.Denial;
import dev.batpak.kafka.gate.Gate;
import dev.batpak.kafka.gate.GateSet;
import dev.batpak.kafka.schemas.DenialTrace;
import dev.batpak.kafka.schemas.GateEvaluation;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.store.StoreConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stateful gates run after the built-in checks, see the stream head, and never crash the task. */
class SequencerGatesTest {

    @TempDir
    Path stateDir;

    /** Denies a fourth event on any stream. */
    public static final class AtMostThree implements Gate<ProposalContext> {
        @Override
        public String name() {
            return "at-most-three";
        }

        @Override
        public Optional<Denial> evaluate(ProposalContext ctx) {
            return ctx.nextClock() < 3 ? Optional.empty()
                    : Optional.of(deny("STREAM_FULL", "a stream holds three events").with("nextClock", ctx.nextClock()));
        }
    }

    /** Throws on the payload "boom". */
    public static final class Explodes implements Gate<ProposalContext> {
        @Override
        public String name() {
            return "explodes";
        }

        @Override
        public Optional<Denial> evaluate(ProposalContext ctx) {
            if (new String(ctx.payloadBytes(), java.nio.charset.StandardCharsets.UTF_8).equals("boom")) {
                throw new IllegalStateException("kaboom \uD800 with a lone surrogate");
            }
            return Optional.empty();
        }
    }

    /** Always passes. */
    public static final class Lenient implements Gate<ProposalContext> {
        @Override
        public String name() {
            return "lenient";
        }

        @Override
        public Optional<Denial> evaluate(ProposalContext ctx) {
            return Optional.empty();
        }
    }

    /** Not constructible without an argument. */
    public static final class NeedsArgument implements Gate<ProposalContext> {
        public NeedsArgument(String unused) {
        }

        @Override
        public String name() {
            return "needs-argument";
        }

        @Override
        public Optional<Denial> evaluate(ProposalContext ctx) {
            return Optional.empty();
        }
    }

    private SequencerDriver driver(GateSet<ProposalContext> gates) {
        return new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE).gates(gates));
    }

    @Test
    void aGateDenialIsTracedWithEveryVerdict() {
        try (SequencerDriver driver = driver(GateSet.of(new Lenient(), new AtMostThree(), new Explodes()))) {
            for (int i = 0; i < 3; i++) {
                driver.send(proposal("g", "ok " + i).build());
            }
            Proposal fourth = proposal("g", "ok 3").build();
            long offset = driver.send(fourth);
            List<JournalEvent> journal = driver.journal();
            assertEquals(4, journal.size());
            SequencerChecksTest.assertDenial(journal.get(3), "g", 3, DenialCodes.GATE_DENIED, fourth, offset);
            DenialTrace trace = SequencerDriver.trace(journal.get(3));
            assertEquals(List.of("PERMIT", "PERMIT", "PERMIT", "PERMIT", "PERMIT", "PERMIT", "PERMIT", "DENY", "SKIPPED"),
                    SequencerChecksTest.verdicts(trace));
            assertEquals(List.of("batpak.decode", "batpak.idempotency", "batpak.kind", "batpak.size", "batpak.clock",
                    "batpak.sequence", "lenient", "at-most-three", "explodes"),
                    trace.getEvaluations().stream().map(GateEvaluation::getGateId).toList());
            GateEvaluation deny = trace.getEvaluations().get(7);
            assertEquals("STREAM_FULL", deny.getCode(), "the gate's own code is in its evaluation entry");
            assertEquals(Map.of("nextClock", "3"), SequencerChecksTest.context(trace));
            Chains.verify(journal);
        }
    }

    @Test
    void aThrowingGateIsAGateDefectAndTheLaneGoesOn() {
        try (SequencerDriver driver = driver(GateSet.of(new Explodes()))) {
            driver.send(proposal("t", "fine").build());
            driver.send(proposal("t", "boom").build());
            driver.send(proposal("t", "fine again").build());
            List<JournalEvent> journal = driver.journal();
            assertEquals(3, journal.size());
            DenialTrace trace = SequencerDriver.trace(journal.get(1));
            assertEquals(DenialCodes.GATE_DEFECT, trace.getCode());
            assertTrue(trace.getMessage().contains("kaboom"), trace.getMessage());
            assertFalse(trace.getMessage().contains("\uD800"), "unencodable text is replaced, not written");
            assertEquals("fine again", SequencerDriver.payload(journal.get(2)));
            Chains.verify(journal);
        }
    }

    @Test
    void gatesSeeTheStreamHead() {
        List<ProposalContext> seen = new ArrayList<>();
        Gate<ProposalContext> spy = Gate.of("spy", "records contexts", ctx -> {
            seen.add(ctx);
            return Optional.empty();
        });
        try (SequencerDriver driver = driver(GateSet.of(spy))) {
            driver.send(proposal("h", "a").build());
            driver.send(proposal("h", "b").build());
            List<JournalEvent> journal = driver.journal();
            assertFalse(seen.get(0).head().exists());
            assertEquals(0, seen.get(0).nextClock());
            assertTrue(seen.get(1).head().exists());
            assertEquals(0, seen.get(1).head().clock());
            assertArrayEquals(journal.get(0).getEventHash().bytes(), seen.get(1).head().eventHash());
            assertEquals(journal.get(0).getHlc(), seen.get(1).head().hlc().packed());
            assertEquals(1, seen.get(1).proposalOffset());
            assertEquals("h", seen.get(1).coordinate().entity());
            assertEquals("b", new String(seen.get(1).payloadBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void configuredGatesRunBeforeEmbeddedOnes() {
        SequencerConfig config = SequencerConfig.builder("unused:9092", SequencerDriver.STORE)
                .gateClassNames(List.of(AtMostThree.class.getName())).build();
        try (SequencerDriver driver = new SequencerDriver(stateDir,
                SequencerTopology.builder(config, GateSet.of(new Explodes())))) {
            driver.send(proposal("mixed", "boom").build());
            DenialTrace trace = SequencerDriver.trace(SequencerChecksTest.single(driver));
            assertEquals(DenialCodes.GATE_DEFECT, trace.getCode());
            assertEquals(List.of("at-most-three", "explodes"), trace.getEvaluations().stream().skip(6)
                    .map(GateEvaluation::getGateId).toList());
        }
        assertThrows(StoreConfigException.class, () -> SequencerTopology.builder(config, GateSet.of(new AtMostThree())),
                "a name may not repeat across configured and embedded gates");
    }

    @Test
    void gatesLoadByClassName() {
        GateSet<ProposalContext> gates = SequencerTopology.loadGates(List.of(Lenient.class.getName(),
                AtMostThree.class.getName()));
        assertEquals(List.of("lenient", "at-most-three"), gates.names());
        assertThrows(StoreConfigException.class, () -> SequencerTopology.loadGates(List.of("com.example.Missing")));
        assertThrows(StoreConfigException.class, () -> SequencerTopology.loadGates(List.of(String.class.getName())));
        assertThrows(StoreConfigException.class,
                () -> SequencerTopology.loadGates(List.of(NeedsArgument.class.getName())));
        assertThrows(StoreConfigException.class,
                () -> SequencerTopology.loadGates(List.of(Lenient.class.getName(), Lenient.class.getName())));
    }
}
