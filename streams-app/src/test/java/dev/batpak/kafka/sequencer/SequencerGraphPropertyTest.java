package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.graph.AncestorWalk;
import dev.batpak.kafka.graph.CausalOrder;
import dev.batpak.kafka.graph.GraphStores;
import dev.batpak.kafka.graph.StoreCausalGraph;
import dev.batpak.kafka.graph.WalkBoundary;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.GraphLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * HLC causality over random causal graphs: every sealed effect's HLC is greater than each
 * parent's and than its stream predecessor's, even when the proposal carries a stale HLC, and the
 * graph queries agree with the journal.
 */
class SequencerGraphPropertyTest {

    /**
     * One generated step.
     *
     * @param entity which of a few entities
     * @param parents indexes into the events sealed so far (taken modulo their count)
     * @param staleHlc whether the proposal claims an HLC far in the past
     */
    record Step(int entity, List<Integer> parents, boolean staleHlc) {
    }

    private static Path stateDir;
    private static SequencerDriver driver;
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("seq-graph-props");
        driver = new SequencerDriver(stateDir);
    }

    @AfterContainer
    static void stop() throws IOException {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 60)
    void effectsAreStampedAfterTheirCauses(@ForAll("steps") List<Step> steps) {
        String prefix = "g" + TRY.incrementAndGet() + ":e";
        List<Id16> sealed = new ArrayList<>();
        for (Step step : steps) {
            Set<Id16> parents = new LinkedHashSet<>();
            for (int index : step.parents()) {
                if (!sealed.isEmpty()) {
                    parents.add(sealed.get(index % sealed.size()));
                }
            }
            Proposal.Builder p = proposal(prefix + step.entity(), "v").setCauses(new ArrayList<>(parents));
            if (step.staleHlc()) {
                p.setHlc(HlcTimestamp.of(1_000, 0).packed());
            }
            Proposal built = p.build();
            driver.send(built);
            sealed.add(built.getEventId());
        }
        List<JournalEvent> journal = driver.journal();
        assertEquals(steps.size(), journal.size());
        Map<Id16, JournalEvent> byId = new HashMap<>();
        Map<String, JournalEvent> previous = new HashMap<>();
        StoreCausalGraph graph = new StoreCausalGraph(GraphStores.of(List.of(driver.store(GraphLayout.STORE))));
        for (JournalEvent event : journal) {
            byId.put(event.getEventId(), event);
            HlcTimestamp hlc = HlcTimestamp.fromPacked(event.getHlc());
            EventId id = EventId.fromBytes(event.getEventId().bytes());
            for (Id16 parent : event.getCauses()) {
                JournalEvent cause = byId.get(parent);
                assertTrue(hlc.compareTo(HlcTimestamp.fromPacked(cause.getHlc())) > 0,
                        "PROPERTY: an effect's HLC exceeds each parent's");
                assertEquals(CausalOrder.BEFORE, graph.happenedBefore(EventId.fromBytes(parent.bytes()), id));
            }
            JournalEvent before = previous.put(event.getEntity(), event);
            if (before != null) {
                assertTrue(hlc.compareTo(HlcTimestamp.fromPacked(before.getHlc())) > 0,
                        "PROPERTY: an event's HLC exceeds its stream head's");
            }
            AncestorWalk walk = graph.walkAncestors(id, 1000);
            assertEquals(event.getClock() + 1, walk.events().size(), "the hash chain reaches genesis");
            assertInstanceOf(WalkBoundary.ReachedGenesis.class, walk.boundary());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000).list().ofMaxSize(3), Arbitraries.of(true, false).map(b -> b))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(25);
    }
}
