package dev.batpak.kafka.bench;

import dev.batpak.kafka.internal.store.JournalMapping;
import dev.batpak.kafka.receipt.EventHashing;
import dev.batpak.kafka.receipt.ReceiptSigner;
import dev.batpak.kafka.receipt.SigningKey;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import dev.batpak.kafka.schemas.codec.Codecs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Single-thread micro-measurements of the per-record costs outside the broker: journal decode,
 * decode plus mapping to the model, encode, and sealing plus signing a journal event (as two calls,
 * and as the one-step {@code sealAndSign}).
 *
 * <p>Run with {@code ./bench.sh micro [SECONDS_PER_CASE]}. No broker, no Kafka: it isolates the CPU
 * each step costs, which the end-to-end scenarios can only show as a share of a profile. Each case
 * is warmed up, then measured in five rounds; it prints the median and the range of calls per
 * second of the measuring thread's own CPU time (not wall time: on a shared, loaded machine the
 * thread is descheduled for long stretches, which says nothing about the code). Caches and
 * frequency still vary with the load: compare runs made back to back.
 */
public final class CodecMicro {

    private static final int ROUNDS = 5;

    private CodecMicro() {
    }

    /** Runs every case and prints one line each. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        JournalEvent unsealed = sample();
        ReceiptSigner signer = ReceiptSigner.of(SigningKey.generate());
        JournalEvent signed = signer.signEvent(EventHashing.seal(unsealed));
        byte[] bytes = Codecs.JOURNAL_EVENT.encode(signed);
        System.out.printf(Locale.ROOT, "signed JournalEvent: %d bytes, payload %d bytes%n", bytes.length,
                signed.getPayload().remaining());
        System.out.printf(Locale.ROOT, "load average (1 min) at start: %.2f%n", loadAverage());
        measure("journal decode", seconds, () -> Codecs.JOURNAL_EVENT.decode(bytes).getLane());
        measure("journal decode + toStoredEvent", seconds,
                () -> JournalMapping.toStoredEvent(Codecs.JOURNAL_EVENT.decode(bytes), 1).lane());
        measure("journal encode", seconds, () -> Codecs.JOURNAL_EVENT.encode(signed).length);
        measure("seal", seconds, () -> EventHashing.seal(unsealed).getLane());
        measure("seal + signEvent", seconds, () -> signer.signEvent(EventHashing.seal(unsealed)).getLane());
        measure("sealAndSign", seconds, () -> signer.sealAndSign(unsealed).getLane());
        System.out.printf(Locale.ROOT, "load average (1 min) at end: %.2f%n", loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void measure(String name, double seconds, IntSupplier call) {
        long budget = (long) (seconds * 1e9);
        run(call, budget);
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            rates.add(run(call, budget));
        }
        rates.sort(null);
        System.out.printf(Locale.ROOT, "%-34s %,10.0f /CPU-s  (range %,.0f – %,.0f)%n", name, rates.get(ROUNDS / 2),
                rates.get(0), rates.get(ROUNDS - 1));
    }

    /** Calls in batches of 64 until the thread has used the budget of CPU; returns calls per CPU second. */
    private static double run(IntSupplier call, long budgetNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long calls = 0;
        long start = threads.getCurrentThreadCpuTime();
        long elapsed;
        do {
            for (int i = 0; i < 64; i++) {
                sink += call.getAsInt();
            }
            calls += 64;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < budgetNanos);
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        return calls * 1e9 / elapsed;
    }

    /** An event shaped like the bench's: 160-byte payload, one cause, no extensions. */
    static JournalEvent sample() {
        byte[] payload = new byte[160];
        byte[] text = "{\"account\":\"account-00042\",\"amount\":1250,\"currency\":\"EUR\",\"memo\":\"bench\"}"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 8; i < payload.length; i++) {
            payload[i] = text[(i - 8) % text.length];
        }
        return JournalEvent.newBuilder()
                .setEventId(new Id16(filled(16, 1)))
                .setEntity("account-00042")
                .setScope("bench")
                .setLane(2)
                .setClock(17)
                .setKind(0x1001)
                .setPayloadVersion(1)
                .setEncoding(PayloadEncoding.JSON)
                .setPayloadSchemaId(null)
                .setPayload(ByteBuffer.wrap(payload))
                .setContentHash(new Hash32(new byte[32]))
                .setCorrelationId(new Id16(filled(16, 2)))
                .setCauses(List.of(new Id16(filled(16, 3))))
                .setFlags(0)
                .setExtensions(List.of())
                .setHlc((1_700_000_000_000L << 16) | 2)
                .setPrevHash(new Hash32(filled(32, 4)))
                .setEventHash(new Hash32(new byte[32]))
                .setProposalOffset(12_345)
                .build();
    }

    private static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
