package dev.batpak.kafka.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

/**
 * Resets projection applications so that their next start rebuilds every projection from the
 * journal: deletes their consumer groups (the journal positions), their changelog topics (the
 * stores' copies in Kafka) and their local state directories. The applications must be stopped.
 *
 * <p>This is Kafka's application reset, limited to one projection set: the journal is the
 * source of truth, so nothing is lost, and replay is deterministic, so the rebuilt state
 * equals the old one unless the projection's code changed.
 */
public final class ProjectionReset {

    private ProjectionReset() {
    }

    /**
     * Resets every application whose id starts with {@code applicationIdPrefix}.
     *
     * @return the application ids (groups, topic prefixes or state directories) that were reset
     * @throws ProjectionException ({@code PROJECTION_UNAVAILABLE}) if an application is still
     *     running, or Kafka does not answer within {@code timeout}
     */
    public static Set<String> reset(Admin admin, String applicationIdPrefix, Path stateDir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> reset = new TreeSet<>();
        try {
            for (GroupListing group : admin.listGroups().all().get(remaining(deadline), TimeUnit.MILLISECONDS)) {
                if (group.groupId().startsWith(applicationIdPrefix)) {
                    reset.add(group.groupId());
                }
            }
            for (String groupId : Set.copyOf(reset)) {
                deleteGroup(admin, groupId, deadline);
            }
            Set<String> topics = new TreeSet<>();
            for (String topic : admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                    .get(remaining(deadline), TimeUnit.MILLISECONDS)) {
                if (topic.startsWith(applicationIdPrefix)) {
                    topics.add(topic);
                    int end = topic.indexOf('-', applicationIdPrefix.length());
                    reset.add(end < 0 ? topic : topic.substring(0, end));
                }
            }
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                awaitDeleted(admin, topics, deadline);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "could not reset the projection"
                    + " applications '" + applicationIdPrefix + "*' within " + timeout + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionException(ProjectionException.UNAVAILABLE, "interrupted while resetting projection"
                    + " applications '" + applicationIdPrefix + "*'", e);
        }
        reset.addAll(deleteStateDirectories(stateDir, applicationIdPrefix));
        return reset;
    }

    private static void deleteGroup(Admin admin, String groupId, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            try {
                admin.deleteConsumerGroups(List.of(groupId)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    return;
                }
                if (!(e.getCause() instanceof GroupNotEmptyException)) {
                    throw e;
                }
                // A member that just closed may still be leaving; a running one never will.
                if (System.nanoTime() > deadline) {
                    throw new ProjectionException(ProjectionException.UNAVAILABLE, "projection application '"
                            + groupId + "' is still running; stop every instance before rebuilding it", e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void awaitDeleted(Admin admin, Set<String> topics, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        // Kafka deletes topics asynchronously; a restart before the deletion completes would find them.
        while (true) {
            Set<String> left = new TreeSet<>(admin.listTopics().names().get(remaining(deadline), TimeUnit.MILLISECONDS));
            left.retainAll(topics);
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("topics " + left + " are still being deleted");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Set<String> deleteStateDirectories(Path stateDir, String prefix) {
        Set<String> deleted = new TreeSet<>();
        if (!Files.isDirectory(stateDir)) {
            return deleted;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stateDir, prefix + "*")) {
            for (Path entry : entries) {
                deleteRecursively(entry);
                deleted.add(entry.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the projection state under " + stateDir, e);
        }
        return deleted;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
