package dev.batpak.kafka.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time spent by the bench JVM (clients and the in-process sequencer), by the sequencer's
 * stream threads alone, and by the broker's process. CPU per record does not depend on what
 * else the machine runs the way records per second do, so on a shared machine it is the steadier
 * figure: it says what a scenario costs, while throughput says what it got.
 */
final class Cpu {

    /** Linux's USER_HZ: /proc/PID/stat counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    private static volatile long brokerPid = -1;

    private Cpu() {
    }

    /** A reading of the three counters, in nanoseconds (-1 where unavailable). */
    record Reading(long jvmNanos, long sequencerNanos, long brokerNanos) {
    }

    /** Sets the broker process whose CPU time is read. */
    static void brokerPid(long pid) {
        brokerPid = pid;
    }

    /** The counters now. */
    static Reading now() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Reading(jvm, sequencerThreads(), processCpu(brokerPid));
    }

    /** CPU ms per 1,000 records between two readings, per counter and in total (JVM + broker). */
    static Map<String, Object> perThousand(Reading before, Reading after, long records) {
        Map<String, Object> json = new LinkedHashMap<>();
        double per = records <= 0 ? Double.NaN : 1_000.0 / records / 1e6;
        double jvm = delta(before.jvmNanos(), after.jvmNanos()) * per;
        double broker = delta(before.brokerNanos(), after.brokerNanos()) * per;
        json.put("benchJvmMsPer1000", jvm);
        json.put("sequencerThreadsMsPer1000", delta(before.sequencerNanos(), after.sequencerNanos()) * per);
        json.put("brokerMsPer1000", broker);
        json.put("totalMsPer1000", jvm + broker);
        return json;
    }

    private static double delta(long before, long after) {
        return before < 0 || after < 0 ? Double.NaN : after - before;
    }

    private static long sequencerThreads() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("StreamThread")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** utime + stime of a process from /proc (Linux), or -1. */
    private static long processCpu(long pid) {
        if (pid < 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces; the fields after it are plain numbers
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1_000_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
