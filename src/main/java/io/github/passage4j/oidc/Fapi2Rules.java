package io.github.passage4j.oidc;

import java.net.URI;
import java.util.Set;

/**
 * What the FAPI 2.0 Security Profile (final, section 5.3.2 for clients, 5.4 for cryptography) asks of a client
 * beyond OpenID Connect, in one place: the deployment checks the settings against it, the flow checks each exchange.
 */
public final class Fapi2Rules {

    /**
     * FAPI 2.0 5.4.1: the JWS algorithms allowed for every signature, the client's and the provider's (EdDSA is
     * allowed too, but not among what this client verifies).
     */
    public static final Set<String> ALGORITHMS = Set.of("PS256", "ES256");

    private Fapi2Rules() {
    }

    /**
     * FAPI 2.0 5.3.2.1 step 3 (and 5.3.1.2 for the provider): {@code private_key_jwt} or mutual TLS, never a shared
     * secret.
     *
     * @param method a client authentication method
     * @return whether FAPI 2.0 allows it
     */
    public static boolean allowsAuthentication(ClientAuthenticationMethod method) {
        return method == ClientAuthenticationMethod.PRIVATE_KEY_JWT || method.usesCertificate();
    }

    /**
     * FAPI 2.0 5.3.2.2 step 4 (via 5.3.1.2 step 8): redirect URIs use https; plain http is accepted only for a
     * loopback host, as for the issuer, so that tests and local development run.
     */
    static void checkRedirectUri(URI redirectUri) throws ProviderRejectedException {
        if (!"https".equalsIgnoreCase(redirectUri.getScheme()) && !UriRules.isLoopback(redirectUri.getHost())) {
            throw new ProviderRejectedException("FAPI 2.0 5.3.2.2: the redirect URI must use https: "
                    + UriRules.forLog(redirectUri));
        }
    }
}
