package dev.batpak.kafka.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Condenses a JFR recording into the few lists that say where the time goes: CPU samples by
 * thread group, by top (self) frame and by method anywhere on the stack (inclusive), the first
 * batpak frame of each sample, allocation by top frame, and contended monitors.
 *
 * <p>Usage: {@code ProfileSummary FILE.jfr [TOP]} (or {@code ./bench.sh profile-summary FILE.jfr}).
 */
public final class ProfileSummary {

    private ProfileSummary() {
    }

    /**
     * Prints the summary of a recording.
     *
     * @param args {@code FILE.jfr [TOP]}, TOP entries per list (default 25)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ProfileSummary FILE.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> firstBatpak = new HashMap<>();
        Map<String, Long> allocation = new HashMap<>();
        Map<String, Long> monitors = new HashMap<>();
        Map<String, Long> waits = new HashMap<>();
        Map<String, Long> natives = new HashMap<>();
        long nativeSamples = 0;
        Map<String, double[]> cpuLoad = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        long blockedNanos = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            RecordedStackTrace stack = event.getStackTrace();
            switch (type) {
                case "jdk.NativeMethodSample" -> {
                    if (stack != null && !stack.getFrames().isEmpty()) {
                        String thread = event.getThread("sampledThread") == null ? "?"
                                : group(event.getThread("sampledThread").getJavaName());
                        natives.merge(thread + " @ " + caller(stack), 1L, Long::sum);
                        nativeSamples++;
                    }
                }
                case "jdk.ExecutionSample" -> {
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    String thread = event.getThread("sampledThread") == null ? "?"
                            : group(event.getThread("sampledThread").getJavaName());
                    threads.merge(thread, 1L, Long::sum);
                    List<RecordedFrame> frames = stack.getFrames();
                    self.merge(name(frames.get(0)), 1L, Long::sum);
                    Set<String> seen = new HashSet<>();
                    boolean batpakFound = false;
                    for (RecordedFrame frame : frames) {
                        String name = name(frame);
                        if (seen.add(name)) {
                            inclusive.merge(name, 1L, Long::sum);
                        }
                        if (!batpakFound && name.startsWith("dev.batpak.kafka.") && !name.startsWith("dev.batpak.kafka.bench.")) {
                            firstBatpak.merge(name, 1L, Long::sum);
                            batpakFound = true;
                        }
                    }
                    if (!batpakFound) {
                        firstBatpak.merge("(no batpak frame: " + thread + ")", 1L, Long::sum);
                    }
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    if (stack != null && !stack.getFrames().isEmpty()) {
                        allocation.merge(name(stack.getFrames().get(0)) + " <- "
                                + (stack.getFrames().size() > 1 ? name(stack.getFrames().get(1)) : ""), weight,
                                Long::sum);
                    }
                }
                case "jdk.ThreadPark", "jdk.JavaMonitorWait", "jdk.SocketRead", "jdk.FileWrite", "jdk.FileForce" -> {
                    String thread = event.getThread() == null ? "?" : group(event.getThread().getJavaName());
                    waits.merge(type.substring(4) + " " + thread + " @ " + caller(stack), event.getDuration().toNanos(),
                            Long::sum);
                }
                case "jdk.ThreadCPULoad" -> {
                    String thread = event.getThread("eventThread") == null ? "?"
                            : group(event.getThread("eventThread").getJavaName());
                    double[] acc = cpuLoad.computeIfAbsent(thread, k -> new double[2]);
                    acc[0] += event.getFloat("user") + event.getFloat("system");
                    acc[1]++;
                }
                case "jdk.JavaMonitorEnter" -> {
                    long nanos = event.getDuration().toNanos();
                    blockedNanos += nanos;
                    String where = stack == null || stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0));
                    monitors.merge(event.getClass("monitorClass").getName() + " in " + where, nanos, Long::sum);
                }
                default -> {
                }
            }
        }
        System.out.printf("%s: %d CPU samples%n", args[0], samples);
        print("CPU samples by thread (digits folded)", threads, samples, top, "%");
        print("CPU samples by top frame (self)", self, samples, top, "%");
        print("CPU samples by method anywhere on the stack (inclusive)", inclusive, samples, top, "%");
        print("CPU samples by first batpak frame", firstBatpak, samples, top, "%");
        System.out.printf("%nallocation samples: %.1f MB estimated%n", allocated / 1e6);
        print("allocation by top frame <- caller (estimated bytes)", allocation, allocated, top, "%");
        System.out.printf("%nthread CPU load (mean of jdk.ThreadCPULoad, share of the whole machine)%n");
        cpuLoad.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue()[0] / b.getValue()[1], a.getValue()[0] / a.getValue()[1]))
                .limit(top)
                .forEach(e -> System.out.printf("  %6.1f%%  %s%n", 100 * e.getValue()[0] / e.getValue()[1], e.getKey()));
        print("threads in native code (mostly waiting in epoll or RocksDB) by thread @ first non-JDK frame, samples",
                natives, nativeSamples, top, "%");
        long waited = waits.values().stream().mapToLong(Long::longValue).sum();
        print("blocking (park, monitor wait, socket read, file write/force over JFR's thresholds) by thread @ first"
                + " non-JDK frame, ns", waits, waited, top, "%");
        System.out.printf("%ncontended monitor enter: %.1f ms in total%n", blockedNanos / 1e6);
        print("contended monitors by class and frame (ns blocked)", monitors, blockedNanos, top, "%");
    }

    private static void print(String title, Map<String, Long> counts, long total, int top, String unit) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> System.out.printf("  %6.1f%s  %,14d  %s%n", total == 0 ? 0 : 100.0 * e.getValue() / total,
                        unit, e.getValue(), e.getKey()));
    }

    /** The first frame outside the JDK and the Kafka client internals' plumbing, for wait events. */
    private static String caller(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return name;
            }
        }
        return name(stack.getFrames().get(0));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** A thread name with its numbers replaced, so that pools fold into one line. */
    private static String group(String thread) {
        return thread == null ? "?" : thread.replaceAll("\\d+", "N");
    }
}
