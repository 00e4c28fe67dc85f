package dev.batpak.kafka.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed errors of a start that cannot succeed, and that none of them leaves a lock behind. */
class EmbeddedKafkaStartFailureTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsReportedBeforeAnythingStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(EmbeddedKafka.HOST), 0));
            EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class,
                    () -> EmbeddedKafka.start(EmbeddedKafkaConfig.of(dataDir).withPort(taken.getLocalPort())));
            assertEquals(EmbeddedKafkaException.Reason.PORT_IN_USE, e.reason());
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort()), e.getMessage());
        }
        assertFalse(Files.exists(dataDir.resolve("broker.lock")), "PROPERTY: a failed start releases the lock");
    }

    @Test
    void aBrokerThatCannotStartIsReportedWithItsLog() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.of(dataDir)
                .withJvmOptions(List.of("-XX:+BatpakNoSuchJvmOption"));
        EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class, () -> EmbeddedKafka.start(config));
        assertEquals(EmbeddedKafkaException.Reason.BROKER_START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains("BatpakNoSuchJvmOption"),
                "PROPERTY: the error carries the tail of the broker's log: " + e.getMessage());
        assertFalse(Files.exists(dataDir.resolve("broker.lock")), "PROPERTY: a failed start releases the lock");
    }

    @Test
    void aStaleLockFromADeadProcessIsTakenOver() throws IOException {
        // pid 2^22+ is above Linux's default pid_max, so no live process has it.
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("broker.lock"), "owner=4194999@1\nbroker=4194998@1\n");
        DataDirLock lock = DataDirLock.acquire(dataDir);
        assertTrue(Files.readString(lock.file()).contains("owner=" + ProcessHandle.current().pid()));
        lock.release();
        assertFalse(Files.exists(lock.file()));
    }

    @Test
    void aLiveOwnerKeepsTheLock() throws IOException {
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            EmbeddedKafkaException e = assertThrows(EmbeddedKafkaException.class, () -> DataDirLock.acquire(dataDir));
            assertEquals(EmbeddedKafkaException.Reason.DATA_DIR_IN_USE, e.reason());
            assertTrue(e.getMessage().contains("kill " + ProcessHandle.current().pid()), e.getMessage());
        } finally {
            lock.release();
        }
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotTheOwner() throws IOException {
        Files.writeString(dataDir.resolve("broker.lock"), "owner=" + ProcessHandle.current().pid() + "@12345\n");
        DataDirLock lock = DataDirLock.acquire(dataDir);
        lock.release();
    }
}
