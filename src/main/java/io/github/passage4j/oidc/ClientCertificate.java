package io.github.passage4j.oidc;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The client certificate presented on every connection to the provider for mutual-TLS client authentication and
 * certificate-bound tokens (RFC 8705).
 *
 * @param sslContext a TLS context whose key manager presents the client's certificate and key
 */
public record ClientCertificate(SSLContext sslContext) {

    /**
     * @param sslContext the TLS context
     * @throws NullPointerException if it is null
     */
    public ClientCertificate {
        Objects.requireNonNull(sslContext, "sslContext");
    }

    /**
     * The certificate and key of a keystore, presented to servers that ask for a client certificate; the servers
     * themselves are checked against the JVM's default trust store.
     *
     * @param keyStore the loaded keystore
     * @param password the password of its key entry
     * @return the client certificate
     * @throws IllegalArgumentException if the keystore's key cannot be used for TLS
     */
    public static ClientCertificate fromKeyStore(KeyStore keyStore, char[] password) {
        return fromKeyStore(keyStore, password, null);
    }

    /**
     * The certificate and key of a keystore, presented to servers that ask for a client certificate; the servers
     * are checked against {@code providerTrust}, or the JVM's default trust store when it is null.
     *
     * @param keyStore the loaded keystore
     * @param password the password of its key entry
     * @param providerTrust the certificates the provider's must chain to, or null for the JVM's default
     * @return the client certificate
     * @throws IllegalArgumentException if the keystore's key cannot be used for TLS
     */
    public static ClientCertificate fromKeyStore(KeyStore keyStore, char[] password, ProviderTrust providerTrust) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            // null trust managers mean the JVM's default trust store
            context.init(keys.getKeyManagers(), providerTrust == null ? null : providerTrust.trustManagers(),
                    null);
            return new ClientCertificate(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the keystore's key cannot authenticate TLS connections: "
                    + e.getMessage());
        }
    }
}
