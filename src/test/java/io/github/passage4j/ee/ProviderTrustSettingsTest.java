package io.github.passage4j.ee;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.passage4j.PassageAuthenticationDefinition;
import io.github.passage4j.oidc.MutualTlsProvider;
import io.github.passage4j.oidc.OpenIdProvider;
import io.github.passage4j.oidc.TestSupport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code passage.provider-trust-store} and its password: read once at deployment, every fault named. */
class ProviderTrustSettingsTest {

    private static final String PASSWORD = "trust-store-secret";

    @PassageAuthenticationDefinition(issuer = "https://provider.example", clientId = "app-client")
    static class Plain {
    }

    @PassageAuthenticationDefinition(issuer = "https://provider.example", clientId = "app-client",
            providerTrustStorePassword = "written-in-source")
    static class PasswordInSource {
    }

    @TempDir
    static Path directory;

    private static Path trustStore;
    private static Path clientStore;
    private static Path serverStore;

    private final Map<String, String> config = new HashMap<>();

    @BeforeAll
    static void stores() {
        Path ca = directory.resolve("ca.p12");
        trustStore = directory.resolve("trust.p12");
        clientStore = directory.resolve("client.p12");
        TestSupport.caKeyStore(ca, "CN=Settings Test CA", PASSWORD);
        TestSupport.trustStore(trustStore, PASSWORD, ca, PASSWORD);
        TestSupport.caSignedKeyStore(clientStore, "EC", "CN=app-client", PASSWORD, ca, PASSWORD);
        serverStore = directory.resolve("server.p12");
        TestSupport.caSignedKeyStore(serverStore, "EC", "CN=localhost", PASSWORD, ca, PASSWORD);
    }

    private PassageSettings resolve(Class<?> type) throws InvalidSettingsException {
        config.putIfAbsent("passage.client-secret", "client-secret-from-config");
        ConfigSource source = key -> Optional.ofNullable(config.get(key));
        return new SettingsResolver(source, expression -> expression)
                .resolve(type.getAnnotation(PassageAuthenticationDefinition.class));
    }

    @Test
    void withoutTheSettingTheJvmsTrustStoreIsUsed() throws Exception {
        assertNull(resolve(Plain.class).client().protocol().providerTrust());
    }

    @Test
    void aReadableTrustStoreIsCarriedInTheProtocol() throws Exception {
        config.put("passage.provider-trust-store", trustStore.toString());
        config.put("passage.provider-trust-store-password", PASSWORD);
        assertNotNull(resolve(Plain.class).client().protocol().providerTrust());
    }

    @Test
    void aMissingFileFailsTheDeploymentNamingTheSetting() {
        config.put("passage.provider-trust-store", directory.resolve("absent.p12").toString());
        config.put("passage.provider-trust-store-password", PASSWORD);
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
        assertTrue(message.contains("passage.provider-trust-store; environment variable PASSAGE_PROVIDER_TRUST_STORE)"), message);
        assertTrue(message.contains("absent.p12"), message);
        assertFalse(message.contains(PASSWORD), message);
    }

    @Test
    void aWrongPasswordFailsTheDeploymentNamingTheSettingButNeverThePassword() {
        config.put("passage.provider-trust-store", trustStore.toString());
        config.put("passage.provider-trust-store-password", "the-wrong-password");
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
        assertTrue(message.contains("passage.provider-trust-store; environment variable PASSAGE_PROVIDER_TRUST_STORE)"), message);
        assertFalse(message.contains("the-wrong-password"), message);
    }

    @Test
    void aKeystoreWithoutTrustedCertificatesIsRefused() {
        // a client keystore given by mistake: its key entry makes no trust anchor
        config.put("passage.provider-trust-store", clientStore.toString());
        config.put("passage.provider-trust-store-password", PASSWORD);
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
        assertTrue(message.contains("passage.provider-trust-store; environment variable PASSAGE_PROVIDER_TRUST_STORE)"), message);
        assertTrue(message.contains("no trusted certificate"), message);
    }

    @Test
    void theTrustStoreNeedsItsPasswordFromConfiguration() {
        config.put("passage.provider-trust-store", trustStore.toString());
        String message = assertThrows(InvalidSettingsException.class, () -> resolve(Plain.class)).getMessage();
        assertTrue(message.contains("passage.provider-trust-store-password"), message);
        String inSource = assertThrows(InvalidSettingsException.class, () -> resolve(PasswordInSource.class))
                .getMessage();
        assertTrue(inSource.contains("passage.provider-trust-store-password"), inSource);
        assertFalse(inSource.contains("written-in-source"), inSource);
    }

    @Test
    void configuredTlsClientAuthAndTrustStoreExchangeACodeWithAProviderOfThePrivateCa() throws Exception {
        try (MutualTlsProvider provider = new MutualTlsProvider(serverStore, trustStore, PASSWORD,
                java.util.List.of("tls_client_auth"))) {
            config.put("passage.issuer", provider.issuer);
            config.put("passage.token-endpoint-auth-method", "tls_client_auth");
            config.put("passage.client-key-store", clientStore.toString());
            config.put("passage.client-key-store-password", PASSWORD);
            config.put("passage.provider-trust-store", trustStore.toString());
            config.put("passage.provider-trust-store-password", PASSWORD);
            PassageSettings settings = resolve(Plain.class);

            new OpenIdProvider(settings.client()).exchangeCode("the-code",
                    java.net.URI.create("https://app.example/callback"), "verifier-1");

            assertTrue(provider.tokenRequestSubjects.equals(java.util.List.of("CN=app-client")),
                    provider.tokenRequestSubjects.toString());
        }
    }
}
