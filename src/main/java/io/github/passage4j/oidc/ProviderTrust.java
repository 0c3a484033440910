package io.github.passage4j.oidc;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates that the provider's TLS certificate must chain to, instead of the JVM's default trust store: lets
 * an application call a provider whose certificate comes from a private CA (common with mutual TLS, RFC 8705)
 * without changing the trust of the whole JVM. It applies to every call to the provider: discovery, key set, token,
 * PAR, UserInfo and the {@code mtls_endpoint_aliases}. Immutable.
 */
public final class ProviderTrust {

    private final TrustManager[] trustManagers;
    private final SSLContext sslContext;

    private ProviderTrust(TrustManager[] trustManagers, SSLContext sslContext) {
        this.trustManagers = trustManagers;
        this.sslContext = sslContext;
    }

    /**
     * Trusts exactly the certificate entries of a keystore (and the chains ending at them).
     *
     * @param trustStore the loaded keystore with at least one trusted certificate entry
     * @return the trust
     * @throws IllegalArgumentException if the keystore holds no trusted certificate or cannot be used for TLS
     */
    public static ProviderTrust fromKeyStore(KeyStore trustStore) {
        Objects.requireNonNull(trustStore, "trustStore");
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(trustStore.aliases())) {
                anyCertificate |= trustStore.isCertificateEntry(alias);
            }
            if (!anyCertificate) {
                // an empty trust store would make every handshake fail with a far less telling message
                throw new IllegalArgumentException("the trust store holds no trusted certificate entry");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            TrustManager[] managers = factory.getTrustManagers();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return new ProviderTrust(managers, context);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store cannot check TLS certificates: " + e.getMessage());
        }
    }

    /**
     * Reads a PKCS#12 trust store file.
     *
     * @param trustStore the file
     * @param password its password
     * @return the trust
     * @throws IllegalArgumentException if the file cannot be read or holds no trusted certificate
     */
    public static ProviderTrust load(Path trustStore, char[] password) {
        return fromKeyStore(ClientKey.keyStore(trustStore, password));
    }

    /** @return a TLS context that presents no certificate and trusts only this trust store */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** For a client certificate's context, so that it checks the provider against the same certificates. */
    TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    @Override
    public String toString() {
        return "ProviderTrust[private trust store]";
    }
}
