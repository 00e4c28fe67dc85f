package dev.batpak.kafka.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where and on what a run happened: the machine, the JVM, and the source tree's commit (with a
 * flag for uncommitted changes, because a number measured on a dirty tree belongs to no commit).
 *
 * @param cpus processors available to the JVM
 * @param memoryBytes physical memory
 * @param javaVersion {@code java.version}
 * @param javaVm VM name and vendor
 * @param os name, version and architecture
 * @param jvmArguments the bench JVM's input arguments
 * @param commit {@code git rev-parse HEAD}, or {@code unknown}
 * @param dirty whether {@code git status --porcelain} listed changes
 */
record Machine(int cpus, long memoryBytes, String javaVersion, String javaVm, String os, List<String> jvmArguments,
        String commit, boolean dirty) {

    /** Describes this machine and the repository at {@code repo}. */
    static Machine describe(Path repo) {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        String commit = git(repo, "rev-parse", "HEAD");
        String status = git(repo, "status", "--porcelain");
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                commit == null || commit.isBlank() ? "unknown" : commit.trim(), status != null && !status.isBlank());
    }

    /** The first 12 hex digits of the commit, for file names. */
    String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    /** The form written to the results file. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cpus", cpus);
        json.put("memoryBytes", memoryBytes);
        json.put("memoryGiB", memoryBytes / (1024.0 * 1024 * 1024));
        json.put("javaVersion", javaVersion);
        json.put("javaVm", javaVm);
        json.put("os", os);
        json.put("jvmArguments", jvmArguments);
        json.put("commit", commit);
        json.put("uncommittedChanges", dirty);
        return json;
    }

    /** Runs git in {@code repo}; null when git is missing or fails. */
    private static String git(Path repo, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
