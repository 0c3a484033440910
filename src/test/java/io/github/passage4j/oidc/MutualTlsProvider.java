package io.github.passage4j.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * A provider over real loopback HTTPS with a certificate from a test CA, as RFC 8705 5 lays one out: the issuer
 * serves discovery over server-authenticated TLS, and the {@code mtls_endpoint_aliases} token endpoint is on a
 * second listener that needs a client certificate ({@code setNeedClientAuth}) issued by the same CA. Records the
 * subject DN of each token request's certificate. Public for the glue's tests.
 */
public final class MutualTlsProvider implements AutoCloseable {

    /** The token endpoint's answer. */
    public static final String TOKENS = "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"id_token\":\"a.b.c\","
            + "\"expires_in\":3600}";

    /** The subject DN (RFC 2253 form) of the client certificate of each request the alias answered. */
    public final List<String> tokenRequestSubjects = new CopyOnWriteArrayList<>();
    /** How often the issuer's key set was fetched. */
    public final java.util.concurrent.atomic.AtomicInteger jwksRequests = new java.util.concurrent.atomic.AtomicInteger();
    /** The issuer's key set: {@link TestSupport#RSA_1}'s public half. */
    static final String PUBLISHED_KEYS = new com.nimbusds.jose.jwk.JWKSet(TestSupport.RSA_1.toPublicJWK()).toString();
    /** The subject DN of the client certificate of each revocation request the alias answered (RFC 7009). */
    public final List<String> revocationRequestSubjects = new CopyOnWriteArrayList<>();
    /** {@code https://localhost:<port>} of the issuer's listener. */
    public final String issuer;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mtls-test-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpsServer issuerServer;
    private final HttpsServer mtlsServer;

    /**
     * Starts both listeners.
     *
     * @param serverKeyStore the CA-signed keystore for localhost
     * @param trustStore     the CA that client certificates must chain to
     * @param password       both files' password
     * @param authMethods    the {@code token_endpoint_auth_methods_supported} to announce
     */
    public MutualTlsProvider(Path serverKeyStore, Path trustStore, String password, List<String> authMethods)
            throws Exception {
        SSLContext context = serverContext(serverKeyStore, trustStore, password);
        issuerServer = server(context, false);
        mtlsServer = server(context, true);
        issuer = "https://localhost:" + issuerServer.getAddress().getPort();
        String mtlsBase = "https://localhost:" + mtlsServer.getAddress().getPort();
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", issuer);
        discovery.put("authorization_endpoint", issuer + "/authorize");
        discovery.put("token_endpoint", issuer + "/token");
        discovery.put("jwks_uri", issuer + "/jwks");
        discovery.put("id_token_signing_alg_values_supported", List.of("ES256", "RS256"));
        discovery.put("token_endpoint_auth_methods_supported", authMethods);
        discovery.put("revocation_endpoint", issuer + "/revoke");
        discovery.put("mtls_endpoint_aliases", Map.of("token_endpoint", mtlsBase + "/token",
                "revocation_endpoint", mtlsBase + "/revoke"));
        String document = JSONObjectUtils.toJSONString(discovery);
        issuerServer.createContext("/.well-known/openid-configuration", exchange -> send(exchange, 200, document));
        issuerServer.createContext("/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            send(exchange, 200, PUBLISHED_KEYS);
        });
        // RFC 8705 5: the plain endpoint does not take certificates
        issuerServer.createContext("/token", exchange -> send(exchange, 401, "{\"error\":\"invalid_client\"}"));
        mtlsServer.createContext("/token", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                tokenRequestSubjects.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
                send(exchange, 200, TOKENS);
            } catch (SSLPeerUnverifiedException noCertificate) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
            }
        });
        issuerServer.createContext("/revoke", exchange -> send(exchange, 401, "{\"error\":\"invalid_client\"}"));
        mtlsServer.createContext("/revoke", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                revocationRequestSubjects.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal()
                        .getName());
                send(exchange, 200, "");
            } catch (SSLPeerUnverifiedException noCertificate) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
            }
        });
        issuerServer.start();
        mtlsServer.start();
    }

    @Override
    public void close() {
        issuerServer.stop(0);
        mtlsServer.stop(0);
        executor.shutdownNow();
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
    private static SSLContext serverContext(Path serverKeyStore, Path trustStore, String password) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ClientKey.keyStore(serverKeyStore, password.toCharArray()), password.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(ClientKey.keyStore(trustStore, password.toCharArray()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
