package io.github.passage4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@link TestCertificates} makes: who issued what, for which names, in the given directory. */
class TestCertificatesTest {

    @TempDir
    static Path directory;

    static TestCertificates certificates;

    @BeforeAll
    static void make() {
        certificates = TestCertificates.reuseOrCreate(directory.resolve("shared"));
    }

    @Test
    void theFilesAreInTheDirectory() {
        for (Path file : List.of(certificates.caKeyStore(), certificates.trustStore(), certificates.serverKeyStore())) {
            assertTrue(Files.isRegularFile(file), file.toString());
            assertEquals(directory.resolve("shared").toAbsolutePath(), file.getParent());
        }
        assertEquals(TestCertificates.DEFAULT_PASSWORD, certificates.password());
    }

    @Test
    void theServerCertificateIsIssuedByTheCaForTheLoopbackNames() throws Exception {
        X509Certificate server = certificates.certificate(certificates.serverKeyStore());
        assertEquals(new X500Principal("CN=Passage4J Test CA"), server.getIssuerX500Principal());
        assertEquals(new X500Principal("CN=localhost"), server.getSubjectX500Principal());
        List<String> names = server.getSubjectAlternativeNames().stream().map(name -> name.get(1).toString()).toList();
        assertTrue(names.contains("localhost") && names.contains("127.0.0.1"), names.toString());
    }

    @Test
    void aClientKeyStoreIsIssuedByTheCaToTheGivenSubject() throws Exception {
        Path client = certificates.clientKeyStore("issued", "CN=app-client,O=Example");
        X509Certificate certificate = certificates.certificate(client);
        assertEquals(new X500Principal("CN=app-client, O=Example"), certificate.getSubjectX500Principal());
        assertEquals(new X500Principal("CN=Passage4J Test CA"), certificate.getIssuerX500Principal());
        certificate.checkValidity();
    }

    @Test
    void aSelfSignedClientKeyStoreIsItsOwnIssuerAndItsJwksHoldsItsKey() throws Exception {
        Path client = certificates.selfSignedClientKeyStore("self", "CN=self-client");
        X509Certificate certificate = certificates.certificate(client);
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        certificate.verify(certificate.getPublicKey());
        var key = (com.nimbusds.jose.jwk.ECKey) certificates.publicJwks(client).getKeys().get(0);
        assertEquals(certificate.getPublicKey(), key.toECPublicKey());
        assertTrue(!key.isPrivate());
        assertNotEquals(certificates.publicJwks(certificates.serverKeyStore()).getKeys().get(0), key);
    }

    @Test
    void aNameThatWouldLeaveTheDirectoryOrAFileThatExistsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> certificates.clientKeyStore("../escape", "CN=x"));
        assertThrows(IllegalArgumentException.class, () -> certificates.clientKeyStore("a/b", "CN=x"));
        certificates.selfSignedClientKeyStore("once", "CN=once");
        assertThrows(IllegalArgumentException.class, () -> certificates.selfSignedClientKeyStore("once", "CN=once"));
    }

    @Test
    void aKeytoolFailureNamesTheStep() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> certificates.clientKeyStore("bad-dn", "not a distinguished name"));
        assertTrue(failure.getMessage().startsWith("keytool -genkeypair failed"), failure.getMessage());
    }

    @Test
    void theAppConfigurationNamesTheKeystoreTheTrustStoreAndTheMethod() {
        Path client = certificates.clientKeyStore("configured", "CN=configured");
        var configuration = certificates.appConfiguration("tls_client_auth", client, "second");
        assertEquals("tls_client_auth", configuration.get("passage.second.token-endpoint-auth-method"));
        assertEquals(client.toAbsolutePath().toString(), configuration.get("passage.second.client-key-store"));
        assertEquals(certificates.trustStore().toString(), configuration.get("passage.second.provider-trust-store"));
        assertEquals(certificates.password(), configuration.get("passage.second.provider-trust-store-password"));
        assertEquals("PASSAGE_CLIENT_KEY_STORE", PassageSettings.environmentName(
                certificates.appConfiguration("tls_client_auth", client, null).keySet().stream()
                        .filter(key -> key.endsWith("client-key-store")).findFirst().orElseThrow()));
        assertThrows(IllegalArgumentException.class,
                () -> certificates.appConfiguration("private_key_jwt", client, null));
    }

    @Test
    void aSetMadeBeforeIsReusedAndOneCutShortIsMadeAnew() throws Exception {
        X509Certificate server = certificates.certificate(certificates.serverKeyStore());
        TestCertificates again = TestCertificates.reuseOrCreate(directory.resolve("shared"));
        assertEquals(server, again.certificate(again.serverKeyStore()), "the same files, no keytool run");

        Path cutShort = Files.createDirectories(directory.resolve("cut-short"));
        for (Path file : List.of(certificates.caKeyStore(), certificates.trustStore(), certificates.serverKeyStore())) {
            Files.copy(file, cutShort.resolve(file.getFileName()));
        }
        TestCertificates remade = TestCertificates.reuseOrCreate(cutShort);
        assertNotEquals(server, remade.certificate(remade.serverKeyStore()),
                "without the mark of a finished making the set is made again");
    }
}
