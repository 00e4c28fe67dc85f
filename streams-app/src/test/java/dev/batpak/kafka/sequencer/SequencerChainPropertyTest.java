package dev.batpak.kafka.sequencer;

import static dev.batpak.kafka.sequencer.TestProposals.expect;
import static dev.batpak.kafka.sequencer.TestProposals.keyed;
import static dev.batpak.kafka.sequencer.TestProposals.proposal;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.batpak.kafka.clock.HlcTimestamp;
import dev.batpak.kafka.schemas.ExpectationMode;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.Proposal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
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
 * The chain law over random proposal sequences: whatever mix of commits, denials (every kind of
 * check), keyed retries, garbage and stale expectations arrives, every stream's clocks are dense
 * from 0, every prev hash is the previous event's hash, every hash recomputes, the HLC strictly
 * increases per stream, and every proposal except a keyed retry gets exactly one record.
 */
class SequencerChainPropertyTest {

    /** What one generated proposal does. */
    enum Kind { COMMIT, RESERVED, OVERSIZED, EXPECT_EXACT, EXPECT_EMPTY, KEYED, RETRY, CONFLICT, GARBAGE, SKEWED }

    /** One generated step. */
    record Op(Kind kind, int entity, long expected) {
    }

    private static Path stateDir;
    private static SequencerDriver driver;
    private static final List<JournalEvent> HISTORY = new ArrayList<>();
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        stateDir = Files.createTempDirectory("seq-props");
        driver = new SequencerDriver(stateDir, SequencerTopology.builder(SequencerDriver.STORE).maxPayloadBytes(64));
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

    @Property(tries = 150)
    void everyStreamIsAVerifiableDenseChain(@ForAll("operations") List<Op> ops) {
        String prefix = "t" + TRY.incrementAndGet() + ":e";
        List<Proposal> keyedSent = new ArrayList<>();
        int expectedRecords = 0;
        for (Op op : ops) {
            String entity = prefix + op.entity();
            switch (op.kind()) {
                case COMMIT -> driver.send(proposal(entity, "v").build());
                case RESERVED -> driver.send(proposal(entity, "v").setKind(0x0005).build());
                case OVERSIZED -> driver.send(TestProposals.withPayload(proposal(entity, ""), new byte[65]).build());
                case EXPECT_EXACT -> driver.send(expect(proposal(entity, "v"), op.expected()).build());
                case EXPECT_EMPTY -> driver.send(proposal(entity, "v").setExpectation(ExpectationMode.EMPTY).build());
                case KEYED -> {
                    Proposal p = keyed(entity, "k", UUID.randomUUID()).build();
                    keyedSent.add(p);
                    driver.send(p);
                }
                case RETRY, CONFLICT -> {
                    if (keyedSent.isEmpty()) {
                        driver.send(proposal(entity, "v").build());
                    } else {
                        Proposal original = keyedSent.get((int) (op.expected() % keyedSent.size()));
                        Proposal.Builder again = Proposal.newBuilder(original);
                        if (op.kind() == Kind.CONFLICT) {
                            TestProposals.withPayload(again, "different".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        }
                        driver.send(again.build());
                        if (op.kind() == Kind.RETRY) {
                            expectedRecords--;
                        }
                    }
                }
                case GARBAGE -> driver.sendRaw(null, new byte[] {(byte) op.expected(), 0x13, 0x37});
                case SKEWED -> driver.send(proposal(entity, "v")
                        .setHlc(HlcTimestamp.of(driver.wallMillis() + 3_600_000, 0).packed()).build());
                default -> throw new IllegalStateException();
            }
            expectedRecords++;
        }
        List<JournalEvent> records = driver.journal();
        assertEquals(expectedRecords, records.size(),
                "PROPERTY: one journal record per proposal, none for a keyed retry with the same content");
        HISTORY.addAll(records);
        Chains.verify(HISTORY);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(10, Arbitraries.just(Kind.COMMIT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.RESERVED)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.OVERSIZED)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.EXPECT_EXACT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.EXPECT_EMPTY)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.KEYED)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.RETRY)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.CONFLICT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.GARBAGE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.SKEWED))),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 6)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }
}
