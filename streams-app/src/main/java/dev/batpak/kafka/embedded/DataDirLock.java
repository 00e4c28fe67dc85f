package dev.batpak.kafka.embedded;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The lock file that marks a data directory as owned by a running broker: {@code broker.lock},
 * naming the owning process and the broker process with their start times.
 *
 * <p>The start time is what makes a stale lock safe to take over: after a crash the lock stays
 * behind, and its pid may by now belong to an unrelated process; a pid counts as the owner only
 * if that process also started at the recorded instant. Kafka's own {@code .lock} in the log
 * directory is a second line of defence; this one fails earlier and with a clearer message.
 */
final class DataDirLock {

    static final String FILE_NAME = "broker.lock";

    private final Path file;
    private final String owner;
    private boolean released;

    private DataDirLock(Path file, String owner) {
        this.file = file;
        this.owner = owner;
    }

    /**
     * Takes the lock of {@code dataDir} for this process.
     *
     * @throws EmbeddedKafkaException {@code DATA_DIR_IN_USE} if a live process holds it
     */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        String owner = describe(ProcessHandle.current());
        // Two attempts: the second one after removing a stale lock left by a dead process.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, "owner=" + owner + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new DataDirLock(file, owner);
            } catch (FileAlreadyExistsException e) {
                Properties held = read(file);
                Optional<ProcessHandle> liveOwner = live(held.getProperty("owner"));
                Optional<ProcessHandle> liveBroker = live(held.getProperty("broker"));
                if (liveOwner.isPresent() || liveBroker.isPresent()) {
                    throw inUse(dataDir, liveOwner, liveBroker);
                }
                deleteQuietly(file);
            } catch (IOException e) {
                throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_UNUSABLE,
                        "cannot write the lock file " + file + ": " + e.getMessage(), e);
            }
        }
        throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_IN_USE,
                "the data directory " + dataDir + " was locked again while a stale lock was being removed;"
                        + " another broker is starting there: use another --data directory");
    }

    /** Records the broker's child process, so that a second starter sees it even if this one dies. */
    void recordBroker(ProcessHandle broker) {
        try {
            Files.writeString(file, "owner=" + owner + "\nbroker=" + describe(broker) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_UNUSABLE,
                    "cannot write the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes the lock file; idempotent. */
    synchronized void release() {
        if (!released) {
            released = true;
            deleteQuietly(file);
        }
    }

    Path file() {
        return file;
    }

    /** {@code pid@startMillis}, or {@code pid} where the start time is unknown. */
    private static String describe(ProcessHandle process) {
        return process.pid() + process.info().startInstant().map(start -> "@" + start.toEpochMilli()).orElse("");
    }

    private static Optional<ProcessHandle> live(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return Optional.empty();
        }
        String[] parts = recorded.trim().split("@", 2);
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isPresent() && parts.length == 2) {
            Optional<Instant> started = process.get().info().startInstant();
            // A different start time means the pid was reused by an unrelated process.
            if (started.isPresent() && !Long.toString(started.get().toEpochMilli()).equals(parts[1])) {
                return Optional.empty();
            }
        }
        return process;
    }

    private static EmbeddedKafkaException inUse(Path dataDir, Optional<ProcessHandle> owner,
            Optional<ProcessHandle> broker) {
        StringBuilder who = new StringBuilder();
        broker.ifPresent(b -> who.append("broker pid ").append(b.pid()));
        owner.ifPresent(o -> who.append(who.length() > 0 ? ", " : "").append("started by pid ").append(o.pid()));
        long toStop = owner.orElseGet(broker::orElseThrow).pid();
        return new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_IN_USE,
                "the data directory " + dataDir + " is in use by a running broker (" + who + "). Stop it first"
                        + " (Ctrl-C in its terminal, or `kill " + toStop + "`), or use another --data directory.");
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            // Released between our attempt and this read: treated as stale, the next attempt wins.
        } catch (IOException e) {
            throw new EmbeddedKafkaException(EmbeddedKafkaException.Reason.DATA_DIR_UNUSABLE,
                    "cannot read the lock file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The next start reports the leftover lock as stale and retries the removal.
        }
    }
}
