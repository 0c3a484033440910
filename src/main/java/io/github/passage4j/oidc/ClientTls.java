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
 * <p>The provider's certificate is checked against the {@link ProviderTrust} when there is one, else against the
 * JVM's default trust store. A client certificate's context already holds that trust (it is made with it).
 *
 * @param clientCertificate the certificate to present, or null for none
 * @param fapi2 whether {@link TlsRules#fapi2} bounds the handshake
 * @param providerTrust the provider's trust store, or null for the JVM's default
 */
record ClientTls(ClientCertificate clientCertificate, boolean fapi2, ProviderTrust providerTrust) {

    /** No client certificate, the JDK's TLS defaults. */
    static final ClientTls DEFAULT = new ClientTls(null, false, null);

    ClientTls(ClientCertificate clientCertificate, boolean fapi2) {
        this(clientCertificate, fapi2, null);
    }

    static ClientTls of(ClientProtocol protocol) {
        return new ClientTls(protocol.clientCertificate(), protocol.profile() == SecurityProfile.FAPI_2_0,
                protocol.providerTrust());
    }

    /** Applies the certificate, the trust and the rules to a client about to be built. */
    HttpClient.Builder configure(HttpClient.Builder builder) {
        if (clientCertificate == null && providerTrust == null && !fapi2) {
            return builder;
        }
        SSLContext context = clientCertificate != null ? clientCertificate.sslContext()
                : providerTrust != null ? providerTrust.sslContext() : defaultContext();
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
