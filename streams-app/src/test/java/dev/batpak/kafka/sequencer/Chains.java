package dev.batpak.kafka.sequencer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.schemas.JournalEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chain law, checked over journal records in journal order. */
final class Chains {

    private Chains() {
    }

    /**
     * PROPERTY: per (entity, lane) clocks are dense from 0, the first prev hash is zero, every
     * other prev hash is the previous event's hash, every hash recomputes, and the HLC strictly
     * increases. Returns the number of streams seen.
     */
    static int verify(List<JournalEvent> journal) {
        Map<String, JournalEvent> last = new LinkedHashMap<>();
        for (JournalEvent e : journal) {
            String stream = e.getEntity() + "#" + e.getLane();
            assertTrue(EventHashing.verify(e), "PROPERTY: the stored hashes recompute, for " + describe(e));
            JournalEvent previous = last.get(stream);
            if (previous == null) {
                assertEquals(0, e.getClock(), "PROPERTY: a stream starts at clock 0: " + describe(e));
                assertTrue(EventHashing.isGenesisPrevHash(e.getPrevHash().bytes()),
                        "PROPERTY: the first event's prev hash is 32 zero bytes: " + describe(e));
            } else {
                assertEquals(previous.getClock() + 1, e.getClock(), "PROPERTY: clocks are dense: " + describe(e));
                assertArrayEquals(previous.getEventHash().bytes(), e.getPrevHash().bytes(),
                        "PROPERTY: prev hash = the previous event's hash: " + describe(e));
                assertTrue(Long.compareUnsigned(e.getHlc(), previous.getHlc()) > 0,
                        "PROPERTY: the HLC strictly increases along a stream: " + describe(e));
            }
            last.put(stream, e);
        }
        return last.size();
    }

    static String describe(JournalEvent e) {
        return e.getEntity() + "@" + e.getScope() + " lane " + e.getLane() + " clock " + e.getClock() + " kind 0x"
                + Integer.toHexString(e.getKind());
    }
}
