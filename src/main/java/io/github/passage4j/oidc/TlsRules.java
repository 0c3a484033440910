package io.github.passage4j.oidc;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TLS versions and cipher suites of the connections to the provider under the FAPI 2.0 profile (FAPI 2.0
 * Security Profile 5.2.2: TLS 1.2 or later; with TLS 1.2 only the cipher suites BCP 195, RFC 9325 4.2, recommends).
 * Outside the profile the JDK's defaults apply (since JDK 17, TLS 1.2 and 1.3 only).
 */
final class TlsRules {

    /** RFC 9325 4.2, with the ECDSA variants it names for servers with EC certificates. */
    static final List<String> TLS12_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    /** TLS 1.3's suites are all AEAD; the ones every JDK 17 offers. */
    static final List<String> TLS13_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private TlsRules() {
    }

    /**
     * @param context the context the client will use, whose supported suites bound the result
     * @return TLS 1.3 and 1.2 with the FAPI 2.0 cipher suites, and host name verification
     */
    static SSLParameters fapi2(SSLContext context) {
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
        String[] suites = java.util.stream.Stream.concat(TLS13_CIPHER_SUITES.stream(), TLS12_CIPHER_SUITES.stream())
                .filter(supported::contains).toArray(String[]::new);
        SSLParameters parameters = new SSLParameters(suites, new String[] {"TLSv1.3", "TLSv1.2"});
        // RFC 6125 via FAPI 2.0 5.2.2 step 3: the server's certificate must name the host called
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
