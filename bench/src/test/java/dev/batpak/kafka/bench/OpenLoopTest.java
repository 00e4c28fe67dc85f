package dev.batpak.kafka.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The open-loop generator sends every event at its slot and, when the system under test stalls,
 * stops after falling the allowed lag behind instead of hiding the stall.
 */
class OpenLoopTest {

    @Test
    void runsEveryScheduledEventOnceWithItsDueTime() throws Exception {
        int rate = 2_000;
        Duration duration = Duration.ofMillis(100);
        int events = OpenLoop.events(rate, duration);
        long[] seen = new long[events];
        OpenLoop.Schedule run = OpenLoop.run("test", rate, duration, Duration.ofSeconds(30), 4,
                (index, due) -> seen[index] = due);
        assertEquals(200, events);
        assertEquals(events, run.sent());
        assertFalse(run.cut());
        for (int i = 0; i < events; i++) {
            assertEquals(run.due(i), seen[i], "PROPERTY: event " + i + " ran with its own due time");
            assertTrue(run.sendLag()[i] >= 0, "PROPERTY: nothing starts before it is due");
        }
    }

    @Test
    void aStalledSystemCutsTheRunInsteadOfStretchingIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        OpenLoop.Schedule run = OpenLoop.run("stalled", 1_000, Duration.ofSeconds(60), Duration.ofMillis(50), 2,
                (index, due) -> never.await(200, TimeUnit.MILLISECONDS));
        assertTrue(run.cut(), "PROPERTY: a run that falls behind its schedule is cut");
        assertTrue(run.sent() < run.events());
    }
}
