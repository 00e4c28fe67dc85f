package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.event.EventKind;
import dev.batpak.kafka.id.EventId;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import dev.batpak.kafka.sequencer.state.CausalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * The HLC across lanes: over random graphs that mix parents on this lane with parents on other
 * lanes (published into the causal index with HLCs behind or ahead of this sequencer's clock,
 * before or after the child arrives), every sealed event's HLC exceeds each parent's and its
 * stream head's, and the lane's clock never goes backwards.
 */
class CausalHlcPropertyTest {

    /**
     * One generated step.
     *
     * @param entity which of a few entities
     * @param localParents indexes into the events sealed so far on this lane (modulo their count)
     * @param remoteAheadMillis with a value, the step also names a parent on another lane whose HLC is
     *     this far ahead of (negative: behind) the sequencer's clock
     * @param remoteLate whether that parent becomes visible only after the child arrived
     * @param staleHlc whether the proposal claims an HLC far in the past
     */
    record Step(int entity, List<Integer> localParents, Integer remoteAheadMillis, boolean remoteLate,
            boolean staleHlc) {
    }

    private static final Duration RECHECK = Duration.ofMillis(50);
    private static Path stateDir;
    private static SequencerDriver driver;
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("causal-hlc-props");
        driver = new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE)
                .causalRecheckInterval(RECHECK));
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
    void effectsAreStampedAfterEveryParentAcrossLanes(@ForAll("steps") List<Step> steps) {
        String prefix = "h" + TRY.incrementAndGet() + ":e";
        Random random = new Random(steps.size());
        List<Id16> local = new ArrayList<>();
        Map<Id16, Long> parentHlcs = new HashMap<>();
        for (Step step : steps) {
            Set<Id16> parents = new LinkedHashSet<>();
            for (int index : step.localParents()) {
                if (!local.isEmpty()) {
                    parents.add(local.get(index % local.size()));
                }
            }
            Id16 remote = null;
            CausalEntry remoteEntry = null;
            if (step.remoteAheadMillis() != null) {
                remote = new Id16(EventId.v7(driver.wallMillis() - 1_000, random).toBytes());
                long hlc = HlcTimestamp.of(driver.wallMillis() + step.remoteAheadMillis(), random.nextInt(100)).packed();
                remoteEntry = new CausalEntry(CausalEntry.Status.SEALED, 1, random.nextInt(1000), hlc);
                parentHlcs.put(remote, hlc);
                parents.add(remote);
            }
            Proposal.Builder p = proposal(prefix + step.entity(), "v").setCauses(new ArrayList<>(parents));
            if (step.staleHlc()) {
                p.setHlc(HlcTimestamp.of(1_000, 0).packed());
            }
            Proposal built = p.build();
            if (remote != null && !step.remoteLate()) {
                driver.publishIndex(remote.bytes(), remoteEntry);
            }
            driver.send(built);
            if (remote != null && step.remoteLate()) {
                driver.publishIndex(remote.bytes(), remoteEntry);
                driver.advance(RECHECK);
            }
            local.add(built.getEventId());
        }
        List<JournalEvent> journal = driver.journal();
        assertEquals(steps.size(), journal.size(), "every proposal is sealed once its parents are visible");
        Map<String, JournalEvent> previous = new HashMap<>();
        HlcTimestamp laneClock = HlcTimestamp.ZERO;
        for (JournalEvent event : journal) {
            assertNotEquals(EventKind.SYSTEM_DENIAL.raw(), event.getKind(), "no denial expected");
            HlcTimestamp hlc = HlcTimestamp.fromPacked(event.getHlc());
            for (Id16 parent : event.getCauses()) {
                assertTrue(hlc.compareTo(HlcTimestamp.fromPacked(parentHlcs.get(parent))) > 0,
                        "PROPERTY: an effect's HLC exceeds each parent's, on this lane or another");
            }
            JournalEvent before = previous.put(event.getEntity(), event);
            if (before != null) {
                assertTrue(hlc.compareTo(HlcTimestamp.fromPacked(before.getHlc())) > 0,
                        "PROPERTY: an event's HLC exceeds its stream head's");
            }
            assertTrue(hlc.compareTo(laneClock) > 0, "PROPERTY: the lane's clock never goes backwards");
            laneClock = hlc;
            parentHlcs.put(event.getEventId(), event.getHlc());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> remote = Arbitraries.integers().between(-120_000, 30_000).injectNull(0.5);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1000).list().ofMaxSize(2), remote, Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(20);
    }
}
