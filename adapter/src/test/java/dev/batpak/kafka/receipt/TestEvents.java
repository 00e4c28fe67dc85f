package dev.batpak.kafka.receipt;

import dev.batpak.kafka.schemas.Extension;
import dev.batpak.kafka.schemas.Hash32;
import dev.batpak.kafka.schemas.Id16;
import dev.batpak.kafka.schemas.JournalEvent;
import dev.batpak.kafka.schemas.PayloadEncoding;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;

/** Journal events for hashing and receipt tests: one pinned golden event and a generator. */
final class TestEvents {

    private TestEvents() {}

    static Id16 id16(int first) {
        byte[] b = new byte[16];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (first + i);
        }
        return new Id16(b);
    }

    static Hash32 hash32(int fill) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) fill);
        return new Hash32(b);
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event whose hashes are pinned in EventHashingTest and docs/hashing.md. Changing it, or
     * the layout, changes the golden values on purpose.
     */
    static JournalEvent golden() {
        JournalEvent unsealed = JournalEvent.newBuilder()
                .setEventId(id16(0x00))
                .setEntity("order:42")
                .setScope("shop")
                .setLane(3)
                .setClock(1)
                .setKind(0x1001)
                .setPayloadVersion(1)
                .setEncoding(PayloadEncoding.JSON)
                .setPayloadSchemaId(null)
                .setPayload(utf8("{\"qty\":1}"))
                .setContentHash(hash32(0))
                .setCorrelationId(id16(0x10))
                .setCauses(List.of(id16(0x20)))
                .setFlags(0)
                .setExtensions(List.of(new Extension("app.tenant", utf8("t1"))))
                .setHlc((1_700_000_000_000L << 16) | 2)
                .setPrevHash(hash32(0xAA))
                .setEventHash(hash32(0))
                .setProposalOffset(7)
                .build();
        return EventHashing.seal(unsealed);
    }

    /** Arbitrary well-formed, sealed journal events (every field in its legal range). */
    static Arbitrary<JournalEvent> events() {
        Arbitrary<Id16> ids = Arbitraries.bytes().array(byte[].class).ofSize(16).map(Id16::new);
        Arbitrary<Hash32> hashes = Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash32::new);
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars(':', '-', 'é', '字')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<List<Extension>> extensions = Arbitraries.maps(
                        Arbitraries.strings().withCharRange('a', 'f').ofMinLength(1).ofMaxLength(4).map(s -> "app." + s),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                .ofMaxSize(3)
                .map(m -> {
                    List<Extension> list = new ArrayList<>();
                    m.forEach((k, v) -> list.add(new Extension(k, ByteBuffer.wrap(v))));
                    return list;
                });
        return Builders.withBuilder(JournalEvent::newBuilder)
                .use(ids).in((b, v) -> b.setEventId(v))
                .use(names).in((b, v) -> b.setEntity(v))
                .use(names).in((b, v) -> b.setScope(v))
                .use(Arbitraries.integers().between(0, Integer.MAX_VALUE)).in((b, v) -> b.setLane(v))
                .use(Arbitraries.longs().between(0, Long.MAX_VALUE)).in((b, v) -> b.setClock(v))
                .use(Arbitraries.integers().between(0, 0xFFFF)).in((b, v) -> b.setKind(v))
                .use(Arbitraries.integers().between(0, 0xFFFF)).in((b, v) -> b.setPayloadVersion(v))
                .use(Arbitraries.of(PayloadEncoding.class)).in((b, v) -> b.setEncoding(v))
                .use(Arbitraries.integers().injectNull(0.5)).in((b, v) -> b.setPayloadSchemaId(v))
                .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).in((b, v) -> b.setPayload(ByteBuffer.wrap(v)))
                .use(ids).in((b, v) -> b.setCorrelationId(v))
                .use(ids.list().ofMaxSize(3)).in((b, v) -> b.setCauses(v))
                .use(Arbitraries.integers()).in((b, v) -> b.setFlags(v))
                .use(extensions).in((b, v) -> b.setExtensions(v))
                .use(Arbitraries.longs()).in((b, v) -> b.setHlc(v))
                .use(hashes).in((b, v) -> b.setPrevHash(v))
                .use(Arbitraries.longs().between(0, Long.MAX_VALUE)).in((b, v) -> b.setProposalOffset(v))
                .build(b -> EventHashing.seal(b.setContentHash(hash32(0)).setEventHash(hash32(0)).build()));
    }
}
