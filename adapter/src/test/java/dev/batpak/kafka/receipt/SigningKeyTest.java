package dev.batpak.kafka.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.batpak.kafka.internal.hash.Blake3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8410 §10.3 example private key and §10.1 its public key. */
    private static final String RFC8410_PRIVATE = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
            + "-----END PRIVATE KEY-----\n";
    private static final String RFC8410_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
            + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
            + "-----END PUBLIC KEY-----\n";

    @TempDir
    Path dir;

    @Test
    void seedDerivesTheRfc8032PublicKeyAndKeyIdIsItsBlake3() {
        assertEquals(Keys.RFC8032_PUBLIC, Keys.PRIMARY.verifyingKey().toHex());
        assertEquals(KeyId.of(Blake3.hash(HEX.parseHex(Keys.RFC8032_PUBLIC))), Keys.PRIMARY.keyId());
        assertEquals(Keys.PRIMARY.keyId(), Keys.PRIMARY.verifyingKey().keyId());
    }

    @Test
    void readsOpensslStylePemKeys() {
        SigningKey key = SigningKey.fromPem(RFC8410_PRIVATE);
        assertEquals(VerifyingKey.parse(RFC8410_PUBLIC), key.verifyingKey());
        assertEquals(RFC8410_PRIVATE, key.toPem(), "PROPERTY: the PEM we write is the PEM openssl writes");
        assertEquals(RFC8410_PUBLIC, key.verifyingKey().toPem());
    }

    @Test
    void saveCreatesAnOwnerOnlyFileAndLoadReadsItBack() throws Exception {
        Path file = dir.resolve("receipts.key");
        SigningKey key = SigningKey.generate();
        key.save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key, SigningKey.load(file));
        ReceiptKeyException exists = assertThrows(ReceiptKeyException.class, () -> SigningKey.generate().save(file));
        assertEquals(ReceiptKeyException.Reason.ALREADY_EXISTS, exists.reason());
        assertEquals(key, SigningKey.load(file), "a refused save leaves the existing key untouched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rwx--x---", "r-----r--"})
    void refusesKeyFilesOthersCanAccess(String permissions) throws Exception {
        Path file = dir.resolve("open.key");
        Files.writeString(file, RFC8410_PRIVATE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        ReceiptKeyException e = assertThrows(ReceiptKeyException.class, () -> SigningKey.load(file));
        assertEquals(ReceiptKeyException.Reason.PERMISSIONS_TOO_OPEN, e.reason());
        assertEquals("KEY_FILE_TOO_OPEN", e.code());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertFalse(e.getMessage().contains("MC4CAQAw"), "the error never shows the key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------"})
    void acceptsOwnerOnlyKeyFiles(String permissions) throws Exception {
        Path file = dir.resolve("ok.key");
        Files.writeString(file, RFC8410_PRIVATE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        assertEquals(SigningKey.fromPem(RFC8410_PRIVATE), SigningKey.load(file));
    }

    @Test
    void malformedKeysAreRefusedWithATypedError() throws Exception {
        assertEquals(ReceiptKeyException.Reason.MALFORMED,
                assertThrows(ReceiptKeyException.class, () -> SigningKey.fromPem("hello")).reason());
        assertEquals(ReceiptKeyException.Reason.MALFORMED,
                assertThrows(ReceiptKeyException.class, () -> SigningKey.fromPem(RFC8410_PUBLIC)).reason());
        String rsaLike = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[48]) + "\n-----END PRIVATE KEY-----\n";
        assertEquals("INVALID_KEY", assertThrows(ReceiptKeyException.class, () -> SigningKey.fromPem(rsaLike)).code());
        assertThrows(ReceiptKeyException.class, () -> SigningKey.fromSeed(new byte[31]));
        assertEquals(ReceiptKeyException.Reason.IO,
                assertThrows(ReceiptKeyException.class, () -> SigningKey.load(dir.resolve("missing.key"))).reason());
        ReceiptKeyException privateAsPublic = assertThrows(ReceiptKeyException.class, () -> VerifyingKey.parse(RFC8410_PRIVATE));
        assertTrue(privateAsPublic.getMessage().contains("PRIVATE"), privateAsPublic.getMessage());
        assertThrows(ReceiptKeyException.class, () -> VerifyingKey.parse("zz".repeat(32)));
        // y = 2: (y^2 - 1) / (d y^2 + 1) has no square root mod p, so no curve point has this encoding
        assertThrows(ReceiptKeyException.class, () -> VerifyingKey.of(HEX.parseHex("02" + "00".repeat(31))));
    }

    @Test
    void verifyingKeysLoadFromHexOrPemFiles() {
        Path hex = dir.resolve("pub.hex");
        Path pem = dir.resolve("pub.pem");
        VerifyingKey key = Keys.PRIMARY.verifyingKey();
        try {
            Files.writeString(hex, key.toHex() + "\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        key.save(pem);
        assertEquals(key, VerifyingKey.load(hex));
        assertEquals(key, VerifyingKey.load(pem));
        assertEquals(key, VerifyingKey.parse(key.toHex().toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String text = Keys.PRIMARY.toString();
        assertTrue(text.contains(Keys.PRIMARY.keyId().toString()));
        assertFalse(text.contains("9d61b19d"));
    }

    @Test
    void bouncyCastleSignaturesVerifyWithTheJdkAndMatchItsSignatures() throws Exception {
        CommitReceipt receipt = CommitReceipt.fromJournal(TestEvents.golden());
        byte[] cover = ReceiptCover.cover(receipt);
        byte[] bcSignature = ReceiptSigner.of(Keys.PRIMARY).sign(receipt).signature();

        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        byte[] x509 = new byte[44];
        System.arraycopy(HEX.parseHex("302a300506032b6570032100"), 0, x509, 0, 12);
        System.arraycopy(Keys.PRIMARY.verifyingKey().raw(), 0, x509, 12, 32);
        assertArrayEquals(x509, Keys.PRIMARY.verifyingKey().toX509());
        PublicKey jdkPublic = factory.generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkPublic);
        verifier.update(cover);
        assertTrue(verifier.verify(bcSignature), "PROPERTY: the JDK's Ed25519 verifies a BouncyCastle receipt signature");

        byte[] pkcs8 = Base64.getMimeDecoder().decode(Keys.PRIMARY.toPem()
                .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        PrivateKey jdkPrivate = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdkPrivate);
        signer.update(cover);
        assertArrayEquals(signer.sign(), bcSignature, "PROPERTY: JDK and BouncyCastle produce the same deterministic signature");
    }

    @Test
    void oneSignerIsSafeToShareBetweenThreads() throws Exception {
        ReceiptSigner signer = ReceiptSigner.of(Keys.PRIMARY);
        List<CommitReceipt> receipts = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            receipts.add(CommitReceipt.fromJournal(dev.batpak.kafka.schemas.JournalEvent.newBuilder(TestEvents.golden())
                    .setClock(i).build()));
        }
        List<byte[]> expected = new ArrayList<>();
        for (CommitReceipt r : receipts) {
            expected.add(signer.sign(r).signature());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<byte[]>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<byte[]> out = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        for (CommitReceipt r : receipts) {
                            out.add(signer.sign(r).signature());
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<byte[]>> result : results) {
                List<byte[]> out = result.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < out.size(); i++) {
                    assertArrayEquals(expected.get(i % receipts.size()), out.get(i), "PROPERTY: concurrent signing is deterministic");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
