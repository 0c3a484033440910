package io.github.passage4j.oidc;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What OpenID Provider discovery (OIDC Discovery 1.0 section 3) told about the provider, after
 * validation: every endpoint is absolute and uses {@code https} unless its host is a loopback
 * address.
 *
 * @param issuer the issuer identifier exactly as the discovery document spells it; ID tokens'
 *     {@code iss} must equal its string form
 * @param authorizationEndpoint where the browser is sent to sign in
 * @param tokenEndpoint where the authorization code is exchanged
 * @param userinfoEndpoint the UserInfo endpoint, or null if not advertised
 * @param jwksUri where the provider's signing keys are published
 * @param endSessionEndpoint the RP-initiated logout endpoint, or null if not advertised
 * @param revocationEndpoint the RFC 7009 revocation endpoint, or null if not advertised
 * @param idTokenSigningAlgValuesSupported the document's {@code id_token_signing_alg_values_supported};
 *     empty when absent, in which case only RS256 is accepted
 * @param authorizationResponseIssParameterSupported whether the provider sends {@code iss} in the
 *     authorization response (RFC 9207)
 */
public record ProviderMetadata(
        URI issuer,
        URI authorizationEndpoint,
        URI tokenEndpoint,
        URI userinfoEndpoint,
        URI jwksUri,
        URI endSessionEndpoint,
        URI revocationEndpoint,
        List<String> idTokenSigningAlgValuesSupported,
        boolean authorizationResponseIssParameterSupported) {

    /**
     * Checks that the required endpoints are present.
     *
     * @param issuer the issuer identifier
     * @param authorizationEndpoint the authorization endpoint
     * @param tokenEndpoint the token endpoint
     * @param userinfoEndpoint the UserInfo endpoint, or null
     * @param jwksUri the JWK Set location
     * @param endSessionEndpoint the end-session endpoint, or null
     * @param revocationEndpoint the revocation endpoint, or null
     * @param idTokenSigningAlgValuesSupported the advertised ID token algorithms; null is taken as empty
     * @param authorizationResponseIssParameterSupported whether RFC 9207 {@code iss} is sent
     * @throws NullPointerException if a required endpoint is null
     */
    public ProviderMetadata {
        // the required endpoints of OIDC Discovery 3 cannot be absent; the list is copied to stay immutable
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(jwksUri, "jwksUri");
        idTokenSigningAlgValuesSupported =
                idTokenSigningAlgValuesSupported == null ? List.of() : List.copyOf(idTokenSigningAlgValuesSupported);
    }

    /**
     * The algorithms the provider may sign ID tokens and logout tokens with (Back-Channel Logout
     * 2.6 step 3 refers to the same list): its {@code id_token_signing_alg_values_supported}, or
     * only RS256, the default for ID tokens (OIDC Discovery 3 / Registration 2), when it lists none.
     */
    List<String> idTokenAlgorithms() {
        return idTokenSigningAlgValuesSupported.isEmpty() ? List.of("RS256") : idTokenSigningAlgValuesSupported;
    }
}
