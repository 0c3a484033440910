package io.github.passage4j.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
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
    private static final String OK = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"id_token\":\"a.b.c\","
            + "\"expires_in\":3600}";

    @TempDir
    static Path directory;

    private static Path ca;
    private static Path serverStore;
    private static Path clientStore;
    private static Path trustStore;

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mtls-test-server");
        thread.setDaemon(true);
        return thread;
    });
    /** The subject DN of the client certificate each token request came with. */
    private final List<String> tokenRequestSubjects = new CopyOnWriteArrayList<>();
    private HttpsServer issuerServer;
    private HttpsServer mtlsServer;
    private String issuer;

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
        SSLContext serverContext = serverContext();
        issuerServer = server(serverContext, false);
        mtlsServer = server(serverContext, true);
        issuer = "https://localhost:" + issuerServer.getAddress().getPort();
        String mtlsBase = "https://localhost:" + mtlsServer.getAddress().getPort();
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("authorization_endpoint", issuer + "/authorize");
        discovery.put("token_endpoint", issuer + "/token");
        discovery.put("jwks_uri", issuer + "/jwks");
        discovery.put("id_token_signing_alg_values_supported", List.of("ES256"));
        discovery.put("token_endpoint_auth_methods_supported", List.of("tls_client_auth"));
        discovery.put("mtls_endpoint_aliases", Map.of("token_endpoint", mtlsBase + "/token"));
        String document = JSONObjectUtils.toJSONString(discovery);
        issuerServer.createContext("/.well-known/openid-configuration", exchange -> send(exchange, 200, document));
        issuerServer.createContext("/token", exchange -> send(exchange, 400, "{\"error\":\"invalid_client\"}"));
        mtlsServer.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                tokenRequestSubjects.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
                send(exchange, 200, OK);
            } catch (SSLPeerUnverifiedException noCertificate) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
            }
        });
        issuerServer.start();
        mtlsServer.start();
    }

    @AfterEach
    void stop() {
        if (issuerServer != null) {
            issuerServer.stop(0);
            mtlsServer.stop(0);
        }
        executor.shutdownNow();
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

    private HttpsServer server(SSLContext context, boolean needClientCertificate) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setNeedClientAuth(needClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        server.setExecutor(executor);
        return server;
    }

    /** The server's CA-signed key, and the test CA to check client certificates against. */
    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ClientKey.keyStore(serverStore, PASSWORD.toCharArray()), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(ClientKey.keyStore(trustStore, PASSWORD.toCharArray()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
