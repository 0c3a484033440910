package io.github.passage4j.oidc;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * How the client's connections to one provider use TLS: with the client certificate of mutual TLS (RFC 8705) or the
 * JVM's default context, and with the FAPI 2.0 versions and cipher suites ({@link TlsRules}) or the JDK's defaults.
 * Connections to the same issuer share one HTTP client only when this is the same, so two definitions with
 * different certificates never present each other's.
 *
 * @param clientCertificate the certificate to present, or null for none
 * @param fapi2 whether {@link TlsRules#fapi2} bounds the handshake
 */
record ClientTls(ClientCertificate clientCertificate, boolean fapi2) {

    /** No client certificate, the JDK's TLS defaults. */
    static final ClientTls DEFAULT = new ClientTls(null, false);

    static ClientTls of(ClientProtocol protocol) {
        return new ClientTls(protocol.clientCertificate(), protocol.profile() == SecurityProfile.FAPI_2_0);
    }

    /** Applies the certificate and the rules to a client about to be built. */
    HttpClient.Builder configure(HttpClient.Builder builder) {
        if (clientCertificate == null && !fapi2) {
            return builder;
        }
        SSLContext context = clientCertificate != null ? clientCertificate.sslContext() : defaultContext();
        builder.sslContext(context);
        if (fapi2) {
            builder.sslParameters(TlsRules.fapi2(context));
        }
        return builder;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Passage4J: the JVM has no default TLS context", e);
        }
    }
}
