package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS (RFC 8705) over real loopback HTTPS with certificates from a test CA: the issuer serves discovery over
 * server-authenticated TLS, and its {@code mtls_endpoint_aliases} token endpoint is on a second listener that needs
 * a client certificate, as a provider that takes certificates only at the aliases does (RFC 8705 5).
 */
class MutualTlsTest {

    private static final URI REDIRECT = URI.create("https://app.example/callback");
    private static final String PASSWORD = "test-password";
    private static final String CLIENT_DN = "CN=passage-client,O=Passage4J Test";

    @TempDir
    static Path directory;

    private static Path ca;
    private static Path serverStore;
    private static Path clientStore;
    private static Path trustStore;

    private MutualTlsProvider provider;
    private String issuer;
    private List<String> tokenRequestSubjects;

    @BeforeAll
    static void certificates() {
        ca = directory.resolve("ca.p12");
        serverStore = directory.resolve("server.p12");
        clientStore = directory.resolve("client.p12");
        trustStore = directory.resolve("trust.p12");
        TestSupport.caKeyStore(ca, "CN=Passage4J Test CA", PASSWORD);
        TestSupport.caSignedKeyStore(serverStore, "EC", "CN=localhost", PASSWORD, ca, PASSWORD);
        TestSupport.caSignedKeyStore(clientStore, "EC", CLIENT_DN, PASSWORD, ca, PASSWORD);
        TestSupport.trustStore(trustStore, PASSWORD, ca, PASSWORD);
    }

    private void start() throws Exception {
        provider = new MutualTlsProvider(serverStore, trustStore, PASSWORD, List.of("tls_client_auth"));
        issuer = provider.issuer;
        tokenRequestSubjects = provider.tokenRequestSubjects;
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void tlsClientAuthExchangesTheCodeAtTheAliasWithTheCaSignedCertificate() throws Exception {
        start();
        ProviderTrust trust = ProviderTrust.load(trustStore, PASSWORD.toCharArray());
        ClientCertificate certificate = ClientCertificate.fromKeyStore(
                ClientKey.keyStore(clientStore, PASSWORD.toCharArray()), PASSWORD.toCharArray(), trust);

        TokenResponse tokens = provider(new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                certificate, false, false, false, null, null, trust)).exchangeCode("the-code", REDIRECT, "v-1");

        assertEquals("at-1", tokens.accessToken());
        assertEquals(List.of(new X500Principal(CLIENT_DN).getName()), tokenRequestSubjects);
    }

    @Test
    void revocationAtLogoutGoesToTheRevocationAliasWithTheCertificate() throws Exception {
        start();
        ProviderTrust trust = ProviderTrust.load(trustStore, PASSWORD.toCharArray());
        ClientCertificate certificate = ClientCertificate.fromKeyStore(
                ClientKey.keyStore(clientStore, PASSWORD.toCharArray()), PASSWORD.toCharArray(), trust);

        RevocationOutcome outcome = provider(new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                certificate, false, false, false, null, null, trust)).revokeTokens("rt-1", "at-1", null);

        // RFC 8705 5: the plain revocation_endpoint answers 401; only the alias sees the certificate
        assertTrue(outcome.revoked(), outcome.problems());
        assertEquals(List.of(new X500Principal(CLIENT_DN).getName(), new X500Principal(CLIENT_DN).getName()),
                provider.revocationRequestSubjects);
    }

    @Test
    void withoutAClientCertificateTheMtlsListenerRefusesTheHandshakeAndTheProviderIsUnavailable() throws Exception {
        start();
        ProviderTrust trust = ProviderTrust.load(trustStore, PASSWORD.toCharArray());
        // the provider's trust but no key: the context has no certificate to present
        ClientCertificate none = new ClientCertificate(trust.sslContext());
        OpenIdProvider provider = provider(new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null, none,
                false, false, false, null, null, trust));

        ProviderUnavailableException refused = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(ProviderUnavailableException.class,
                        () -> provider.exchangeCode("the-code", REDIRECT, "v-1")));
        assertTrue(tokenRequestSubjects.isEmpty(), "no request may reach the token endpoint without a certificate");
        assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
    }

    @Test
    void withoutTheProviderTrustStoreThePrivateCaCertificateIsRefusedAndTheProviderIsUnavailable() throws Exception {
        start();
        // the client certificate's context trusts only the JVM's default store, which knows nothing of the test CA
        ClientCertificate certificate = ClientCertificate.fromKeyStore(
                ClientKey.keyStore(clientStore, PASSWORD.toCharArray()), PASSWORD.toCharArray());
        OpenIdProvider provider = provider(new ClientProtocol(ClientAuthenticationMethod.TLS_CLIENT_AUTH, null,
                certificate, false, false, false, null));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(ProviderUnavailableException.class,
                () -> provider.exchangeCode("the-code", REDIRECT, "v-1")));
        assertTrue(tokenRequestSubjects.isEmpty());
    }

    @Test
    void theTrustStoreAloneLetsAClientWithoutCertificateDiscoverAProviderOfAPrivateCa() throws Exception {
        start();
        ProviderTrust trust = ProviderTrust.load(trustStore, PASSWORD.toCharArray());
        OpenIdProvider trusting = provider(new ClientProtocol(null, null, null, false, false, false, null, null,
                trust));
        OpenIdProvider defaultTrust = provider(ClientProtocol.DEFAULT);

        assertEquals(URI.create(issuer), trusting.metadata().issuer());
        assertThrows(ProviderUnavailableException.class, defaultTrust::metadata);
    }

    @Test
    void aTrustStoreWithoutCertificatesOrWithTheWrongPasswordIsRefusedWithoutThePassword() {
        IllegalArgumentException wrongPassword = assertThrows(IllegalArgumentException.class,
                () -> ProviderTrust.load(trustStore, "not-the-password".toCharArray()));
        assertFalse(wrongPassword.getMessage().contains("not-the-password"), wrongPassword.getMessage());
        // a keystore with only a key entry trusts nothing
        IllegalArgumentException noCertificate = assertThrows(IllegalArgumentException.class,
                () -> ProviderTrust.load(clientStore, PASSWORD.toCharArray()));
        assertTrue(noCertificate.getMessage().contains("no trusted certificate"), noCertificate.getMessage());
    }

    private OpenIdProvider provider(ClientProtocol protocol) {
        // a secret only where no certificate authenticates the client
        String secret = protocol.clientCertificate() == null ? TestSupport.CLIENT_SECRET : null;
        ClientSettings settings = new ClientSettings(URI.create(issuer), TestSupport.CLIENT_ID, secret,
                List.of("openid"), Duration.ofSeconds(5), Duration.ofSeconds(5), null, Set.of("ES256"), protocol);
        return new OpenIdProvider(settings, TestSupport.CLOCK, TestSupport.tuning(new AtomicLong()));
    }

    /** A bearer token of the issuer, signed by the key the provider publishes. */
    private String bearerToken() {
        java.util.Map<String, Object> claims = TestSupport.claims(issuer);
        claims.remove("nonce");
        return TestSupport.sign(new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256)
                .keyID("rsa-1").build(), claims, TestSupport.signer(TestSupport.RSA_1));
    }

    private AccessTokenSettings bearerSettings() {
        return new AccessTokenSettings(URI.create(issuer), null, Set.of(TestSupport.CLIENT_ID),
                Duration.ofSeconds(5), Duration.ofSeconds(5), TestSupport.SKEW, null);
    }

    @Test
    void bearerTokensAreVerifiedWithKeysFetchedThroughTheProviderTrustStore() throws Exception {
        start();
        ProviderTrust trust = ProviderTrust.load(trustStore, PASSWORD.toCharArray());
        ClientProtocol protocol = new ClientProtocol(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, null, null,
                false, false, false, null, null, trust);
        try (ProviderConnections connections = new ProviderConnections()) {
            // the sign-in's TLS, its trust store included: the private CA's certificate is accepted
            AccessTokenValidator trusting = new AccessTokenValidator(bearerSettings(), TestSupport.CLOCK, connections,
                    protocol);
            assertEquals(TestSupport.claims(issuer).get("sub"),
                    trusting.validateAccessToken(bearerToken()).subject());
            assertEquals(1, provider.jwksRequests.get());
            // without it the JVM's default trust store is asked, which does not know the test CA
            AccessTokenValidator defaultTrust = new AccessTokenValidator(bearerSettings(), TestSupport.CLOCK,
                    connections);
            assertThrows(ProviderUnavailableException.class, () -> defaultTrust.validateAccessToken(bearerToken()));
        }
    }
}
