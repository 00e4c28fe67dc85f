package dev.batpak.kafka.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A guard receipt authorises one write: it is consumed exactly once and cannot be copied. */
class GuardReceiptTest {

    private final GateSet<Object> gates = GateSet.of(ScriptedGate.passing("a", new ArrayList<>()));

    @Test
    void consumeHandsOverPayloadAndGatesOnce() {
        GuardReceipt<String> receipt = Evaluations.passed(gates.evaluate("ctx", Proposal.of("payload"))).receipt();

        assertFalse(receipt.isConsumed());
        GuardReceipt.Parts<String> parts = receipt.consume();
        assertEquals(new GuardReceipt.Parts<>("payload", List.of("a")), parts);
        assertTrue(receipt.isConsumed());

        ReceiptConsumedException second = assertThrows(ReceiptConsumedException.class, receipt::consume,
                "PROPERTY: one evaluation authorises one write");
        assertEquals(ReceiptConsumedException.CODE, second.code());
        assertEquals("GuardReceipt", second.receiptType());
        assertEquals("payload", receipt.payload(), "reading the payload stays possible after consumption");
    }

    @Test
    void aReceiptConsumedByACommitCannotBeConsumedAgain() {
        Pipeline<Object> pipeline = Pipeline.of(gates);
        GuardReceipt<String> receipt = Evaluations.passed(pipeline.evaluate("ctx", Proposal.of("p"))).receipt();

        pipeline.commit(receipt, p -> 1L);

        assertThrows(ReceiptConsumedException.class, receipt::consume);
        assertThrows(ReceiptConsumedException.class, () -> pipeline.commit(receipt, p -> 2L));
    }

    @Test
    void concurrentConsumersGetExactlyOneSuccess() throws Exception {
        GuardReceipt<String> receipt = Evaluations.passed(gates.evaluate("ctx", Proposal.of("p"))).receipt();
        AtomicInteger successes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tasks.add(() -> {
                    try {
                        receipt.consume();
                        successes.incrementAndGet();
                    } catch (ReceiptConsumedException expected) {
                        // all but one consumer lose the race
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, successes.get());
    }

    @Test
    void receiptsCannotBeSerializedOrCloned() {
        assertFalse(Serializable.class.isAssignableFrom(GuardReceipt.class));
        assertFalse(Cloneable.class.isAssignableFrom(GuardReceipt.class));
        assertFalse(Serializable.class.isAssignableFrom(BypassReceipt.class));
        assertEquals(0, java.util.Arrays.stream(GuardReceipt.class.getConstructors()).count(),
                "PROPERTY: only GateSet can construct a GuardReceipt");
        assertEquals(0, java.util.Arrays.stream(BypassReceipt.class.getConstructors()).count());
        assertEquals(0, java.util.Arrays.stream(Committed.class.getConstructors()).count());
    }

    @Test
    void partsAreFrozen() {
        GuardReceipt.Parts<String> parts = Evaluations.passed(gates.evaluate("ctx", Proposal.of("p"))).receipt()
                .consume();

        assertThrows(UnsupportedOperationException.class, () -> parts.gatesPassed().add("x"));
    }
}
