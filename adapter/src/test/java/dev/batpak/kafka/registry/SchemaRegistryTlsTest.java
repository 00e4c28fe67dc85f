package dev.batpak.kafka.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a private certificate: trusted through schema.registry.ssl.truststore.*, refused without. */
class SchemaRegistryTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    static Path serverKeys;
    static Path trustStore;

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverKeys = dir.resolve("server.p12");
        trustStore = dir.resolve("trust.p12");
        Path certificate = dir.resolve("server.crt");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", serverKeys.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "registry", "-keystore", serverKeys.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", certificate.toString(), "-keystore",
                trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), new String(output));
    }

    private static SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeys)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aTrustStoreMakesThePrivateCertificateTrusted() throws Exception {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.https(serverContext()).answer(200, "[\"s\"]")) {
            SchemaRegistryClient client = SchemaRegistryClient.create(RegistryConfig.fromMap(Map.of(
                    RegistryConfig.URL, server.url(),
                    RegistryConfig.TRUSTSTORE_LOCATION, trustStore.toString(),
                    RegistryConfig.TRUSTSTORE_PASSWORD, PASSWORD,
                    RegistryConfig.TRUSTSTORE_TYPE, "PKCS12")));

            assertEquals(List.of("s"), client.subjects());
        }
    }

    @Test
    void withoutTheTrustStoreTheHandshakeFailsAtOnceWithAdvice() throws Exception {
        try (ScriptedHttpRegistry server = ScriptedHttpRegistry.https(serverContext())) {
            SchemaRegistryClient client = SchemaRegistryClient.create(RegistryConfig.fromMap(Map.of(
                    RegistryConfig.URL, server.url(), RegistryConfig.RETRIES, "3")));

            SchemaRegistryException error = assertThrows(SchemaRegistryException.class, client::subjects);

            assertEquals(SchemaRegistryException.Reason.UNREACHABLE, error.reason());
            assertTrue(error.getMessage().contains(RegistryConfig.TRUSTSTORE_LOCATION), error.getMessage());
            assertEquals(0, server.requests().size());
        }
    }

    @Test
    void aWrongTrustStorePasswordIsAConfigurationError() {
        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> SchemaRegistryClient.create(RegistryConfig.fromMap(Map.of(
                        RegistryConfig.URL, "https://127.0.0.1:1",
                        RegistryConfig.TRUSTSTORE_LOCATION, trustStore.toString(),
                        RegistryConfig.TRUSTSTORE_PASSWORD, "wrong",
                        RegistryConfig.TRUSTSTORE_TYPE, "PKCS12"))));

        assertEquals(SchemaRegistryException.Reason.INVALID_CONFIG, error.reason());
        assertTrue(error.getMessage().contains(RegistryConfig.TRUSTSTORE_LOCATION), error.getMessage());
    }

    @Test
    void aMissingTrustStoreFileIsAConfigurationError() {
        SchemaRegistryException error = assertThrows(SchemaRegistryException.class,
                () -> RegistryConfig.fromMap(Map.of(RegistryConfig.URL, "https://127.0.0.1:1",
                        RegistryConfig.TRUSTSTORE_LOCATION, dir.resolve("missing.jks").toString())));

        assertEquals(SchemaRegistryException.Reason.INVALID_CONFIG, error.reason());
    }
}
