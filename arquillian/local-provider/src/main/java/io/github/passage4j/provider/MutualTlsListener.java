package io.github.passage4j.provider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The provider's optional HTTPS listener for mutual TLS (RFC 8705), on its own ephemeral port beside the plain-HTTP
 * issuer: it serves the token, PAR, UserInfo and revocation endpoints at the same paths, and discovery names them
 * as {@code mtls_endpoint_aliases} (RFC 8705 5). It wants a client certificate but takes the handshake without
 * one, and it checks no certificate during the handshake: {@code tls_client_auth} and
 * {@code self_signed_tls_client_auth} differ in how a certificate is trusted, so {@link MutualTlsClientAuthentication}
 * decides per client, once the request names it.
 */
final class MutualTlsListener {

    /** The endpoints a client certificate is taken at; any other path answers 404 here. */
    static final Set<Endpoint> SERVED = Set.of(Endpoint.TOKEN, Endpoint.PAR, Endpoint.USERINFO, Endpoint.REVOKE);

    /**
     * Where the listener's key and the CA it trusts for {@code tls_client_auth} are.
     *
     * @param serverKeyStore   PKCS#12 with the listener's key and certificate (for the issuer's host)
     * @param clientTrustStore PKCS#12 with the CA certificates that {@code tls_client_auth} certificates chain to
     * @param password         both files' and the key entry's password
     */
    record Config(Path serverKeyStore, Path clientTrustStore, String password) {
        Config {
            Objects.requireNonNull(serverKeyStore, "serverKeyStore");
            Objects.requireNonNull(clientTrustStore, "clientTrustStore");
            Objects.requireNonNull(password, "password");
        }
    }

    private final HttpsServer server;
    private final String baseUrl;
    private final X509TrustManager clientCaTrust;

    private MutualTlsListener(HttpsServer server, String baseUrl, X509TrustManager clientCaTrust) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.clientCaTrust = clientCaTrust;
    }

    /**
     * Binds an ephemeral port on {@code host} without answering yet.
     *
     * @throws UncheckedIOException when the port cannot be bound or a keystore cannot be read
     */
    static MutualTlsListener bind(String host, Config config) {
        char[] password = config.password().toCharArray();
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(config.serverKeyStore(), password), password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[] {new AnyClientCertificate()}, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    // RFC 8705 2: asked for, not required, so that a missing certificate gets an OAuth answer
                    ssl.setWantClientAuth(true);
                    parameters.setSSLParameters(ssl);
                }
            });
            String base = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                    + server.getAddress().getPort();
            return new MutualTlsListener(server, base, caTrust(load(config.clientTrustStore(), password)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for mutual TLS on " + host, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the mutual TLS keystores cannot be used: " + e.getMessage(), e);
        }
    }

    /** Starts answering through {@code dispatcher}, for the {@link #SERVED} endpoints only. */
    void start(HttpHandler dispatcher, Executor executor) {
        server.createContext("/", exchange -> {
            Endpoint endpoint = Endpoint.forPath(exchange.getRequestURI().getPath());
            if (endpoint == null || !SERVED.contains(endpoint)) {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(404, -1);
                }
                return;
            }
            dispatcher.handle(exchange);
        });
        server.setExecutor(executor);
        server.start();
    }

    void stop() {
        server.stop(0);
    }

    /** @return {@code https://<host>:<port>}, the base of the aliases */
    String baseUrl() {
        return baseUrl;
    }

    /**
     * The URL a request was sent to, as the client named it: on this listener when it came over mutual TLS, else
     * below the issuer. What a DPoP proof's {@code htu} (RFC 9449 4.3 step 9) and an endpoint-audience assertion's
     * {@code aud} (RFC 7523 3) are compared with.
     */
    static String urlOf(ProviderState state, Request request) {
        return (request.mutualTls() && state.mutualTls != null ? state.mutualTls.baseUrl() : state.issuer)
                + request.path();
    }

    /** @return the absolute URL of {@code endpoint} on this listener */
    String url(Endpoint endpoint) {
        return baseUrl + endpoint.path();
    }

    /** RFC 8705 5: the aliases of the endpoints served here, under the names of RFC 8414 metadata. */
    Map<String, Object> endpointAliases() {
        Map<String, Object> aliases = new LinkedHashMap<>();
        aliases.put("token_endpoint", url(Endpoint.TOKEN));
        aliases.put("pushed_authorization_request_endpoint", url(Endpoint.PAR));
        aliases.put("userinfo_endpoint", url(Endpoint.USERINFO));
        aliases.put("revocation_endpoint", url(Endpoint.REVOKE));
        return aliases;
    }

    /** Adds the aliases and the certificate binding to the discovery document, when {@code state} has a listener. */
    static void announce(ProviderState state, Map<String, Object> document) {
        MutualTlsListener listener = state.mutualTls;
        if (listener != null) {
            document.put("mtls_endpoint_aliases", listener.endpointAliases());
            // RFC 8705 3.3: access tokens issued over this listener carry cnf x5t#S256
            document.put("tls_client_certificate_bound_access_tokens", true);
        }
    }

    /**
     * RFC 8705 2.1: whether {@code chain} leads to one of the trusted CAs (validity period included).
     *
     * @param chain the presented chain, leaf first
     * @return true when the CA issued it
     */
    boolean issuedByTrustedCa(X509Certificate[] chain) {
        try {
            clientCaTrust.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
            return true;
        } catch (CertificateException | IllegalArgumentException notTrusted) {
            return false;
        }
    }

    /** @return the leaf certificate the exchange's TLS client presented, or {@code null} for none */
    static X509Certificate clientCertificate(HttpExchange exchange) {
        X509Certificate[] chain = clientChain(exchange);
        return chain == null ? null : chain[0];
    }

    /** @return the certificate chain the exchange's TLS client presented, leaf first, or {@code null} for none */
    static X509Certificate[] clientChain(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https)) {
            return null;
        }
        try {
            Certificate[] presented = https.getSSLSession().getPeerCertificates();
            if (presented.length == 0 || !(presented[0] instanceof X509Certificate)) {
                return null;
            }
            X509Certificate[] chain = new X509Certificate[presented.length];
            for (int i = 0; i < presented.length; i++) {
                chain[i] = (X509Certificate) presented[i];
            }
            return chain;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    private static X509TrustManager caTrust(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager for the client CA trust store");
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
    }

    /**
     * Takes any client certificate in the handshake and names no CA, so that a client offers a self-signed
     * certificate too; the OAuth layer decides what each certificate proves.
     */
    private static final class AnyClientCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // deferred to MutualTlsClientAuthentication: which check applies depends on the client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the listener is a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
